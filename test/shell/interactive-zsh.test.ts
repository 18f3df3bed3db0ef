import { interactiveTests } from './support/interactive.js';

// Real zsh, typed into through tmux: see support/interactive.ts.
interactiveTests('zsh');
