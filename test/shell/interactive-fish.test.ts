import { interactiveTests } from './support/interactive.js';

// Real fish, typed into through tmux: see support/interactive.ts.
interactiveTests('fish');
