// The commander program: global options, every command, and errors turned into exit codes here only.
// Command modules are imported when their command runs, so `kesu --version` loads almost nothing.
import { Command, CommanderError, Option } from 'commander';
import { asStoreError, StoreError } from '../store/index.js';
import { DomainError } from '../workflow/errors.js';
import type { Lang } from '../workflow/vocab.js';
import { makeContext, type CliContext, type GlobalOptions } from './context.js';
import type { Io } from './io.js';
import { languageFrom } from './language.js';
import { sayLateOutputFailures } from './stdout.js';
import { InterruptedError, missingArgument, missingOption, UsageError, UserError } from './errors.js';
import { VERSION } from './version.js';
import { helpFor, SATISFACTION_VALUE } from './render/help.js';
import { visible } from './render/visible.js';

// The words of every command, option and argument are in render/help.ts, in both languages.
const at = () => new Option('--at <datetime>');
const by = () => new Option('--by <name>');
const note = () => new Option('--note <text>');
const verbose = () => new Option('--verbose');

/** What a complaint is recorded with: `open` takes it, and `edit` corrects it under the same flags. */
function withIntakeOptions(command: Command): Command {
  return command
    .option('--customer <name>')
    .option('--phone <phone>')
    .option('--channel <channel>')
    .option('--category <category>')
    .option('--severity <severity>')
    .option('--desc <text>')
    .option('--request <text>')
    .option('--order <ref>')
    .option('--ref <number>')
    .option('--received <datetime>');
}

function buildProgram(io: Io, lang: Lang): Command {
  const program = new Command('kesu')
    // Before the commands: each takes the program's help configuration when it is made.
    .configureHelp(helpFor(lang))
    .version(VERSION, '-V, --version')
    .option('--db <path>')
    .option('--json')
    .option('--no-color')
    .addOption(new Option('--lang <lang>').choices(['en', 'zh']))
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: () => undefined });

  const run =
    <A extends unknown[]>(load: () => Promise<(context: CliContext, ...args: A) => Promise<string>>) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args.at(-1) as Command;
      const context = await makeContext(command.optsWithGlobals<GlobalOptions>(), io);
      const action = await load();
      const positional = args.slice(0, -2);
      const options = args.at(-2);
      try {
        // A value asked for on a terminal that decide refuses is asked for again, and the command run again.
        for (;;) {
          try {
            io.out(await action(context, ...([...positional, options] as A)));
            return;
          } catch (error) {
            if (!(await context.askAgain(error))) throw error;
          }
        }
      } catch (error) {
        // A full disk, a read-only or damaged database file: one sentence naming the database.
        throw asStoreError(error, context.dbPath) ?? error;
      } finally {
        context.close();
      }
    };

  withIntakeOptions(program.command('open'))
    .option('--criterion <text>')
    .addOption(at())
    .addOption(by())
    .option('--slip')
    .action(run(async () => (await import('./commands/open.js')).open));

  program
    .command('list')
    .option('--status <statuses>')
    .option('--category <categories>')
    .option('--severity <severities>')
    .option('--assignee <names>')
    .option('--customer <names>')
    .option('--phone <digits>')
    .option('--overdue')
    .option('--waiting')
    .option('--escalated')
    .option('--since <date>')
    .option('--until <date>')
    .option('--limit <n>')
    .action(run(async () => (await import('./commands/list.js')).list));

  program
    .command('show')
    .argument('<id>')
    .action(run(async () => (await import('./commands/show.js')).show));

  program
    .command('slip')
    .argument('<id>')
    .addOption(new Option('--format <format>'))
    .option('--out <file>')
    .action(run(async () => (await import('./commands/slip.js')).slip));

  program
    .command('letter')
    .argument('<id>')
    .addOption(new Option('--format <format>'))
    .option('--out <file>')
    .action(run(async () => (await import('./commands/letter.js')).letter));

  program
    .command('search')
    .argument('<text...>')
    .option('--status <statuses>')
    .option('--limit <n>')
    .action(run(async () => (await import('./commands/search.js')).search));

  program
    .command('customer')
    .argument('<name-or-phone>')
    .option('--limit <n>')
    .action(run(async () => (await import('./commands/customer.js')).customer));

  program
    .command('log')
    .argument('<id>')
    // Asked for on a terminal when not given: optional to commander, needed all the same.
    .argument('[text...]')
    .usage('[options] <id> <text...>')
    .option('--kind <kind>')
    .option('--substantiated <yes|no>')
    .option('--responsibility <who>')
    .option('--root-cause <text>')
    .option('--answered')
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/log.js')).log));

  // The options a command cannot do without are checked by the command, which asks for them on a
  // terminal (asking.ts): commander's own required options would fail before it could.
  program
    .command('assign')
    .argument('<id>')
    .option('--to <name>')
    .option('--dept <department>')
    .addOption(note())
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/assign.js')).assign));

  program
    .command('resolve')
    .argument('<id>')
    .option('--solution <text>')
    .option('--compensation <amount>')
    .option('--compensation-kind <kind>')
    .option('--root-cause <text>')
    .option('--action <text>')
    .option('--unfounded')
    .option('--finding <text>')
    .option('--approved-by <name>')
    .addOption(note())
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/resolve.js')).resolve));

  program
    .command('followup')
    .argument('<id>')
    .option(`--satisfaction ${SATISFACTION_VALUE}`)
    .option('--method <method>')
    .addOption(note())
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/followup.js')).followup));

  program
    .command('close')
    .argument('<id>')
    .option('--reason <reason>')
    .addOption(note())
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/close.js')).close));

  program
    .command('reopen')
    .argument('<id>')
    .addOption(note())
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/reopen.js')).reopen));

  program
    .command('answer')
    .argument('<id>')
    // Asked for on a terminal when not given, as log's.
    .argument('[text...]')
    .usage('[options] <id> <text...>')
    .option('--kind <kind>')
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/answer.js')).answer));

  withIntakeOptions(program.command('edit').argument('<id>'))
    .option('--dept <department>')
    .addOption(note())
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/edit.js')).edit));

  program
    .command('void')
    .argument('<id>')
    .option('--reason <text>')
    .addOption(note())
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/void.js')).voidComplaint));

  program
    .command('unvoid')
    .argument('<id>')
    .addOption(note())
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/void.js')).unvoid));

  program
    .command('escalate')
    .argument('[id]')
    .option('--note <text>')
    .option('--to <name>')
    .option('--overdue')
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/escalate.js')).escalate));

  program
    .command('wait')
    .argument('<id>')
    .option('--on <whom>')
    .addOption(note())
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/wait.js')).wait));

  program
    .command('resume')
    .argument('<id>')
    .addOption(note())
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/wait.js')).resume));

  program
    .command('due')
    .option('--days <n>')
    .option('--notify')
    .action(run(async () => (await import('./commands/due.js')).due));

  program
    .command('report')
    .option('--month <month>')
    .option('--week <week>')
    .option('--from <date>')
    .option('--to <date>')
    .option('--format <format>')
    .option('--out <file>')
    .action(run(async () => (await import('./commands/report.js')).report));

  program
    .command('import')
    .argument('[file]')
    .option('--template')
    .option('--dry-run')
    .addOption(new Option('--encoding <encoding>').choices(['auto', 'utf8', 'gbk']))
    .option('--map <file>')
    .option('--skip-invalid')
    .option('--rejects <file>')
    .option('--ref-prefix <text>')
    .action(run(async () => (await import('./commands/import.js')).importFile));

  program
    .command('export')
    .addOption(new Option('--format <format>').choices(['csv', 'json']))
    .option('--redact')
    .option('--out <file>')
    .action(run(async () => (await import('./commands/export.js')).exportAll));

  program
    .command('config')
    .argument('[action]')
    .argument('[args...]')
    .action(run(async () => (await import('./commands/config.js')).config));

  program
    .command('notify')
    .argument('<action>')
    .option('--limit <n>')
    .action(run(async () => (await import('./commands/notify.js')).notify));

  program
    .command('backup')
    .argument('<file>')
    .action(run(async () => (await import('./commands/backup.js')).backup));

  program
    .command('check')
    .option('--repair')
    .action(run(async () => (await import('./commands/check.js')).check));

  return program;
}

/** Runs kesu with the given arguments; returns the exit code. Nothing here calls process.exit. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  // Output that fails only after the command has returned is said as any other error would be.
  const lang = languageFrom(flagValue(argv, '--lang'), io.env);
  sayLateOutputFailures(lang, argv.includes('--json'));
  const program = buildProgram(io, lang);
  try {
    // A bare `kesu` (perhaps with global options) is someone asking what it can do: the help, on stdout, exit 0.
    await program.parseAsync(hasCommand(argv) ? [...argv] : [...argv, 'help'], { from: 'user' });
    return 0;
  } catch (error) {
    return sayFailure(error, lang, argv.includes('--json'), io, argv);
  }
}

/** Whether a word other than a global option and its value is given (then commander finds the command, or says it is unknown). */
function hasCommand(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--db' || arg === '--lang') i++;
    else if (!arg.startsWith('-')) return true;
    else if (!['--json', '--no-color'].includes(arg) && !arg.startsWith('--db=') && !arg.startsWith('--lang=')) return true;
  }
  return false;
}

function flagValue(argv: readonly string[], flag: string): string | undefined {
  const index = argv.indexOf(flag);
  if (index !== -1) return argv[index + 1];
  return argv.find((arg) => arg.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

/** Says an error as one sentence on stderr (JSON with --json) and gives the exit code it means. */
function sayFailure(error: unknown, lang: Lang, json: boolean, io: Io, argv: readonly string[]): number {
  const fail = (code: string, message: string, exitCode: number): number => {
    // A message may quote what was typed: any control character in it is shown, not acted on.
    io.err(json ? `${JSON.stringify({ error: { code, message } })}\n` : `kesu: ${visible(message, { oneLine: true })}\n`);
    return exitCode;
  };
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return 0; // --help, --version
    if (error.code === 'commander.help') {
      // Commander would print the help to stderr; say instead in one sentence what is wrong.
      const help = argv.indexOf('help');
      const name = help === -1 ? undefined : argv[help + 1];
      const message =
        name === undefined
          ? lang === 'zh'
            ? '请给出一个命令；用 kesu help 查看命令列表。'
            : 'Give a command; see kesu help for the commands.'
          : unknownCommand(name, '', lang);
      return fail('usage', message, 2);
    }
    return fail('usage', commanderMessage(error, lang), 2);
  }
  if (error instanceof UsageError) return fail('usage', error.sentence[lang], 2);
  // Ctrl-C at a question: 130, what a shell reports of a program stopped by Ctrl-C.
  if (error instanceof InterruptedError) return fail(error.code, error.sentence[lang], 130);
  if (error instanceof UserError || error instanceof DomainError || error instanceof StoreError) return fail(error.code, error.sentence[lang], 1);
  if ((error as { code?: string })?.code === 'SQLITE_BUSY') {
    return fail(
      'busy',
      lang === 'zh' ? '数据库正被其他 kesu 进程长时间占用；请稍后再试。' : 'The database stayed busy with another kesu process for too long; try again in a moment.',
      1,
    );
  }
  if (io.env.KESU_DEBUG === '1') io.err(`${(error as Error)?.stack ?? String(error)}\n`);
  const message = error instanceof Error ? error.message : String(error);
  return fail(
    'internal',
    lang === 'zh'
      ? `kesu 出现意外错误（${message}）；设置 KESU_DEBUG=1 后重试可查看详情，并请报告此问题。`
      : `kesu hit an unexpected problem (${message}); run again with KESU_DEBUG=1 for details, and please report it.`,
    1,
  );
}

/** Commander's messages rewritten as one sentence that says what to do. */
function commanderMessage(error: CommanderError, lang: Lang): string {
  const text = error.message.replace(/^error: /, '');
  const zh = lang === 'zh';
  const quoted = /'([^']+)'/.exec(text)?.[1] ?? '';
  switch (error.code) {
    case 'commander.unknownOption':
      return zh ? `未知选项 ${quoted}；用 kesu help 查看可用选项。${suggestion(text, lang)}` : `Unknown option ${quoted}; see kesu help for the options.${suggestion(text, lang)}`;
    case 'commander.unknownCommand':
      return unknownCommand(quoted, suggestion(text, lang), lang);
    case 'commander.missingMandatoryOptionValue':
      return missingOption(optionName(text))[lang];
    case 'commander.optionMissingArgument':
      return zh ? `选项 ${optionName(text)} 缺少值；请在它后面写上值。` : `Option ${optionName(text)} needs a value; write it after the option.`;
    case 'commander.missingArgument':
      return missingArgument(quoted)[lang];
    case 'commander.excessArguments':
      return zh ? '参数过多；用 kesu help 查看用法。' : `Too many arguments; see kesu help for the usage.`;
    case 'commander.invalidArgument': {
      // "option '--lang <lang>' argument 'fr' is invalid. Allowed choices are en, zh."
      const value = /argument '([^']*)'/.exec(text)?.[1];
      const choices = /Allowed choices are (.+?)\.?$/.exec(text)?.[1];
      if (value !== undefined && choices !== undefined) {
        const flag = optionName(text);
        return zh ? `选项 ${flag} 不接受“${value}”；可用：${choices}。` : `Option ${flag} does not take "${value}"; use one of: ${choices}.`;
      }
      return zh ? `${text}；用 kesu help 查看可用值。` : `${capitalize(text)}; see kesu help for the values allowed.`;
    }
    default:
      return `${capitalize(text)}.`;
  }
}

function unknownCommand(name: string, suggested: string, lang: Lang): string {
  return lang === 'zh' ? `未知命令 ${name}；用 kesu help 查看命令列表。${suggested}` : `Unknown command ${name}; see kesu help for the commands.${suggested}`;
}

function optionName(text: string): string {
  return /'(-[^' ]+|--[^' ]+)[^']*'/.exec(text)?.[1] ?? text;
}

/** commander's "(Did you mean show?)", as a sentence of its own in the user's language. */
function suggestion(text: string, lang: Lang): string {
  const match = /\(Did you mean (one of )?([^?]+)\?\)/.exec(text);
  if (!match) return '';
  const [, oneOf, names = ''] = match;
  if (lang === 'en') return ` Did you mean ${oneOf ?? ''}${names}?`;
  return oneOf ? `是不是要用 ${names.split(', ').join('、')} 中的一个？` : `是不是要用 ${names}？`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).replace(/\.$/, '');
}
