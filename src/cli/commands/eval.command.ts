import type { Command } from 'commander';
import { registerEvalRetrievalCommand } from './eval-retrieval.command.js';

/**
 * The shared `eval` command group. Each evaluation adds its subcommand to the group this returns
 * (`registerXxx(evalGroup(program))`), so commands from different modules land under one `eval`.
 */
export function evalGroup(program: Command): Command {
  return program.commands.find((c) => c.name() === 'eval') ?? program.command('eval').description('offline evaluations that print metrics');
}

/** Registers every evaluation under `eval`; add new ones here (one line each). */
export function registerEvalCommands(program: Command): void {
  const group = evalGroup(program);
  registerEvalRetrievalCommand(group);
}
