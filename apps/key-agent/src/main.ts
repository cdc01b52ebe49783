// Entry point for `node --import tsx apps/key-agent/src/main.ts …` (same as the bin).
import './cli.ts';
