// First run without credentials: a short guided setup instead of an error. Choose a provider, paste
// a key (or a local server's URL and model), test the connection against the real endpoint, and
// save it to the user's settings.
import { Box, Text, useInput } from 'ink';
import { eachTypedKey } from '../input/typedAhead.js';
import { useRef, useState } from 'react';
import type { ProviderSetup } from '../../config/userCredentialsWriter.js';
import type { ConnectionTestResult } from '../../model/connectionTest.js';

export interface FirstRunSetupProps {
  test(setup: ProviderSetup): Promise<ConnectionTestResult>;
  save(setup: ProviderSetup): Promise<{ path: string }>;
  /** The saved setup, or null when the user gave up. */
  onDone(setup: ProviderSetup | null): void;
}

type Step =
  | { kind: 'provider' }
  | { kind: 'field'; setup: ProviderSetup; field: Field }
  | { kind: 'testing'; setup: ProviderSetup }
  | { kind: 'failed'; setup: ProviderSetup; message: string }
  | { kind: 'saved'; path: string; detail: string };

interface Field {
  key: 'apiKey' | 'baseUrl' | 'model';
  label: string;
  secret: boolean;
  optional: boolean;
  defaultValue?: string;
}

const ANTHROPIC_FIELDS: Field[] = [{ key: 'apiKey', label: 'Anthropic API key (from console.anthropic.com)', secret: true, optional: false }];
const OPENAI_FIELDS: Field[] = [
  { key: 'baseUrl', label: 'Server URL', secret: false, optional: false, defaultValue: 'https://api.openai.com/v1' },
  { key: 'apiKey', label: 'API key (leave empty for a local server without one)', secret: true, optional: true },
  { key: 'model', label: 'Model', secret: false, optional: false, defaultValue: 'gpt-4.1' },
];

const fieldsOf = (setup: ProviderSetup) => (setup.provider === 'anthropic' ? ANTHROPIC_FIELDS : OPENAI_FIELDS);

export function FirstRunSetup({ test, save, onDone }: FirstRunSetupProps) {
  // Keys can arrive faster than React re-renders, so the handler reads and writes refs, and state
  // only drives what is drawn.
  const [value, setShownValue] = useState('');
  const valueRef = useRef('');
  const setValue = (next: string | ((current: string) => string)) => {
    valueRef.current = typeof next === 'function' ? next(valueRef.current) : next;
    setShownValue(valueRef.current);
  };
  const [step, setShownStep] = useState<Step>({ kind: 'provider' });
  const stepRef = useRef<Step>(step);
  const setStep = (next: Step) => {
    stepRef.current = next;
    setShownStep(next);
  };

  const startFields = (setup: ProviderSetup) => {
    setValue('');
    setStep({ kind: 'field', setup, field: fieldsOf(setup)[0] as Field });
  };

  const runTest = (setup: ProviderSetup) => {
    setStep({ kind: 'testing', setup });
    void test(setup).then(async (result) => {
      if (!result.ok) return setStep({ kind: 'failed', setup, message: result.message });
      try {
        const { path } = await save(setup);
        setStep({ kind: 'saved', path, detail: result.detail });
        onDone(setup);
      } catch (error) {
        setStep({ kind: 'failed', setup, message: (error as Error).message });
      }
    });
  };

  useInput(eachTypedKey((input, key) => {
    const step = stepRef.current;
    if (step.kind === 'provider') {
      if (input === '1') startFields({ provider: 'anthropic' });
      else if (input === '2') startFields({ provider: 'openai' });
      else if (key.escape || input === 'q') onDone(null);
      return;
    }
    if (step.kind === 'failed') {
      if (input === 'r') startFields({ provider: step.setup.provider });
      else if (input === 'q' || key.escape) onDone(null);
      return;
    }
    if (step.kind !== 'field') return;
    if (key.escape) return setStep({ kind: 'provider' });
    // A paste or fast typing can bring the text and its Enter in one read.
    const typedEnter = !key.return && /[\r\n]/.test(input);
    if (key.return || typedEnter) {
      const typed = typedEnter ? input.split(/[\r\n]/)[0] ?? '' : '';
      const entered = (valueRef.current + typed).trim() || step.field.defaultValue || '';
      if (entered === '' && !step.field.optional) return;
      const setup = { ...step.setup, ...(entered !== '' ? { [step.field.key]: entered } : {}) };
      const fields = fieldsOf(setup);
      const next = fields[fields.indexOf(step.field) + 1];
      setValue('');
      if (next) return setStep({ kind: 'field', setup, field: next });
      return runTest(setup);
    }
    if (key.backspace || key.delete) return setValue((current) => current.slice(0, -1));
    if (!key.ctrl && !key.meta && input !== '') setValue((current) => current + input.replace(/[\r\n]/g, ''));
  }));

  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>Welcome to wright</Text>
      <Text>No model credentials were found. Set one up now (it is saved to your user settings).</Text>
      <Box marginTop={1} flexDirection="column">
        {step.kind === 'provider' && (
          <>
            <Text>Which model provider?</Text>
            <Text>  1. Anthropic (Claude) with an API key</Text>
            <Text>  2. An OpenAI-compatible server (OpenAI, Ollama, vLLM, LM Studio…)</Text>
            <Text dimColor>Press 1 or 2 · q to quit</Text>
          </>
        )}
        {step.kind === 'field' && (
          <>
            <Text>
              {step.field.label}
              {step.field.defaultValue ? <Text dimColor> [{step.field.defaultValue}]</Text> : null}:
            </Text>
            <Text>› {step.field.secret ? maskSecret(value) : value}</Text>
            <Text dimColor>Enter to continue · Esc to go back</Text>
          </>
        )}
        {step.kind === 'testing' && <Text>Testing the connection…</Text>}
        {step.kind === 'failed' && (
          <>
            <Text color="red">The connection test failed: {step.message}</Text>
            <Text dimColor>r to try again · q to quit</Text>
          </>
        )}
        {step.kind === 'saved' && (
          <Text color="green">
            Connected ({step.detail}). Saved to {step.path}.
          </Text>
        )}
      </Box>
    </Box>
  );
}

/** Shows that something was pasted without showing it: dots and the last four characters. */
export function maskSecret(secret: string): string {
  if (secret.length <= 4) return '•'.repeat(secret.length);
  return `${'•'.repeat(Math.min(secret.length - 4, 20))}${secret.slice(-4)}`;
}
