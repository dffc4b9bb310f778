import { Command } from 'commander';
import { VERSION } from '../version.js';
import { registerSafetyBench } from './commands/bench-safety.command.js';
import { registerBenchCommands } from './commands/bench.command.js';
import { registerEvalCommands } from './commands/eval.command.js';
import { registerMigrateCommand } from './commands/migrate.command.js';
import { registerKeysCommand } from './commands/keys.command.js';
import { registerEvalClassifyCommand } from './commands/eval-classify.command.js';
import { registerIndexCommand } from './commands/index.command.js';
import { registerMockStatusCommand } from './commands/mock-status.command.js';
import { registerOpenApiCommand } from './commands/openapi.command.js';
import { registerProcessCommand } from './commands/process.command.js';
import { registerScenariosCommand } from './commands/scenarios.command.js';
import { registerServeCommand } from './commands/serve.command.js';
import { registerWorkerCommand } from './commands/worker.command.js';
import { registerSplitCommand } from './commands/split.command.js';
import { registerTrainCommand } from './commands/train.command.js';
import { registerEvalLanguageCommand } from './commands/eval-language.command.js';
import { registerFeedbackCommand } from './commands/feedback.command.js';

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
registerMigrateCommand(program);
registerWorkerCommand(program);
registerKeysCommand(program);
registerSafetyBench(program);
registerTrainCommand(program);
registerSplitCommand(program);
registerEvalClassifyCommand(program);
registerIndexCommand(program);
registerEvalLanguageCommand(program);
registerFeedbackCommand(program);

await program.parseAsync(process.argv);
