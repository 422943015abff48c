// `node --import` this to load Ink as wright's bundle ships it (see inkBoundedMemoryHooks.mjs).
import { register } from 'node:module';

register('./inkBoundedMemoryHooks.mjs', import.meta.url);
