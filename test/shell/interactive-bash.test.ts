import { interactiveTests } from './support/interactive.js';

// Real bash, typed into through tmux: see support/interactive.ts.
interactiveTests('bash');
