// Colours the app uses, by role. NO_COLOR (https://no-color.org) turns every colour off; emphasis
// (bold, dim) stays, as it carries no colour.
import { createContext, useContext } from 'react';

export interface Theme {
  accent?: string;
  success?: string;
  error?: string;
  warning?: string;
  permission?: string;
}

const COLOURS: Theme = { accent: 'cyan', success: 'green', error: 'red', warning: 'yellow', permission: 'magenta' };

export function themeFor(env: Record<string, string | undefined>): Theme {
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  return noColor ? {} : COLOURS;
}

export const ThemeContext = createContext<Theme>(COLOURS);

export const useTheme = (): Theme => useContext(ThemeContext);
