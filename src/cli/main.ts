import { Command } from 'commander';
import { VERSION } from '../version.js';
import { registerBenchCommands } from './commands/bench.command.js';
import { registerEvalCommands } from './commands/eval.command.js';
import { registerIndexCommand } from './commands/index.command.js';
import { registerMockStatusCommand } from './commands/mock-status.command.js';
import { registerOpenApiCommand } from './commands/openapi.command.js';
import { registerProcessCommand } from './commands/process.command.js';
import { registerScenariosCommand } from './commands/scenarios.command.js';
import { registerServeCommand } from './commands/serve.command.js';

const program = new Command()
  .name('support-agent')
  .description('AI customer-support ticket resolution service (offline by default)')
  .version(VERSION)
  .showHelpAfterError();

registerServeCommand(program);
registerProcessCommand(program);
registerScenariosCommand(program);
registerMockStatusCommand(program);
registerOpenApiCommand(program);
registerBenchCommands(program);
registerEvalCommands(program);
registerIndexCommand(program);

await program.parseAsync(process.argv);
