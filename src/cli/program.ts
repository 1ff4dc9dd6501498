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
import { UsageError, UserError } from './errors.js';
import { VERSION } from './version.js';
import { HELP } from './render/help.js';
import { visible } from './render/visible.js';

const at = () => new Option('--at <datetime>', 'when it happened (default now), e.g. "2026-10-05 09:00", "12-06 15:00", "yesterday 15:00", "今天 9点"');
const by = () => new Option('--by <name>', 'who did it (default: kesu config by, else the system user)');
const note = () => new Option('--note <text>', 'a note for the timeline');
const verbose = () => new Option('--verbose', 'print the whole record after the change, as show does');

function buildProgram(io: Io): Command {
  const program = new Command('kesu')
    .description('Record customer complaints and carry each one through the handling procedure.')
    .version(VERSION, '-V, --version')
    .option('--db <path>', 'database file (default: KESU_DB, else $XDG_DATA_HOME/kesu/kesu.db)')
    .option('--json', 'machine-readable output on stdout')
    .option('--no-color', 'no colour (also NO_COLOR)')
    .addOption(new Option('--lang <lang>', 'language of the output (default from LC_ALL, LC_MESSAGES or LANG)').choices(['en', 'zh']))
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
        io.out(await action(context, ...([...positional, options] as A)));
      } catch (error) {
        // A full disk, a read-only or damaged database file: one sentence naming the database.
        throw asStoreError(error, context.dbPath) ?? error;
      } finally {
        context.close();
      }
    };

  program
    .command('open')
    .description('record a new complaint (asks for what is missing on a terminal)')
    .option('--customer <name>', 'customer name (required)')
    .option('--phone <phone>', 'customer phone')
    .option('--channel <channel>', HELP.channel)
    .option('--category <category>', HELP.category)
    .option('--severity <severity>', HELP.severity)
    .option('--desc <text>', "what happened, in the customer's words (required)")
    .option('--request <text>', 'what the customer wants')
    .option('--order <ref>', 'order or product reference')
    .option('--ref <number>', "the paper form's number (unique)")
    .option('--received <datetime>', 'when it was received (default now), e.g. "2026-10-05", "昨天 15:00"; a date alone is shown alone')
    .addOption(at())
    .addOption(by())
    .action(run(async () => (await import('./commands/open.js')).open));

  program
    .command('list')
    .description('complaints not yet closed, major first, then by nearest deadline')
    .option('--status <statuses>', HELP.statuses)
    .option('--category <categories>', 'comma-separated categories')
    .option('--severity <severities>', 'comma-separated severities')
    .option('--assignee <names>', 'comma-separated assignees')
    .option('--customer <names>', 'parts of customer names, comma-separated')
    .option('--phone <digits>', 'parts of phone numbers, by their digits, comma-separated')
    .option('--overdue', 'only complaints with a deadline passed')
    .option('--since <date>', 'received on or after')
    .option('--until <date>', 'received on or before')
    .option('--limit <n>', 'at most this many (default 500, with a note when more match)')
    .action(run(async () => (await import('./commands/list.js')).list));

  program
    .command('show')
    .description("the whole record and its timeline, and the customer's other complaints")
    .argument('<id>', 'complaint id')
    .action(run(async () => (await import('./commands/show.js')).show));

  program
    .command('search')
    .description('complaints whose texts, customer, phone, order or form number hold TEXT; newest first')
    .argument('<text...>', 'what to look for (case, width and spaces do not matter)')
    .option('--status <statuses>', `${HELP.statuses}; default every status`)
    .option('--limit <n>', 'at most this many (default 50, with a note when more match)')
    .action(run(async () => (await import('./commands/search.js')).search));

  program
    .command('customer')
    .description("a customer's complaints, open ones first, and how many in the last 12 months")
    .argument('<name-or-phone>', "the customer's name, or phone number")
    .option('--limit <n>', 'at most this many complaints (default 500, with a note when there are more)')
    .action(run(async () => (await import('./commands/customer.js')).customer));

  program
    .command('log')
    .description('add a timeline entry: a note, a call, a visit, an investigation finding')
    .argument('<id>', 'complaint id')
    .argument('<text...>', 'what happened')
    .option('--kind <kind>', HELP.logKind)
    .option('--substantiated <yes|no>', 'whether the investigation found the complaint substantiated')
    .option('--responsibility <who>', HELP.responsibility)
    .option('--root-cause <text>', 'the root cause found')
    .option('--answered', 'the entry is the answer given to the customer: it meets the answer deadline (as kesu answer)')
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/log.js')).log));

  program
    .command('assign')
    .description('hand the complaint to the responsible person')
    .argument('<id>', 'complaint id')
    .requiredOption('--to <name>', 'the responsible person')
    .option('--dept <department>', "their department (default: the category's)")
    .addOption(note())
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/assign.js')).assign));

  program
    .command('resolve')
    .description('record the solution agreed with the customer, or that the complaint is unfounded')
    .argument('<id>', 'complaint id')
    .option('--solution <text>', 'the solution carried out')
    .option('--compensation <amount>', 'compensation amount, e.g. 25.50')
    .option('--compensation-kind <kind>', HELP.compensationKind)
    .option('--root-cause <text>', 'the root cause')
    .option('--action <text>', 'corrective action, to prevent recurrence')
    .option('--unfounded', 'the complaint is unfounded: close it with the finding')
    .option('--finding <text>', 'what the investigation found')
    .addOption(note())
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/resolve.js')).resolve));

  program
    .command('followup')
    .description("record a follow-up call and the customer's satisfaction; closes or reopens")
    .argument('<id>', 'complaint id')
    .requiredOption(`--satisfaction ${HELP.satisfactionValue}`, HELP.satisfaction)
    .option('--method <method>', HELP.method)
    .option('--note <text>', 'what the customer said')
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/followup.js')).followup));

  program
    .command('close')
    .description('close without a satisfied follow-up')
    .argument('<id>', 'complaint id')
    .requiredOption('--reason <reason>', HELP.closeReason)
    .addOption(note())
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/close.js')).close));

  program
    .command('reopen')
    .description('reopen a closed complaint; handling starts again from investigation')
    .argument('<id>', 'complaint id')
    .addOption(note())
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/reopen.js')).reopen));

  program
    .command('answer')
    .description('record the answer given to the customer (how it will be handled, by when); meets the answer deadline')
    .argument('<id>', 'complaint id')
    .argument('<text...>', 'what the customer was told')
    .option('--kind <kind>', HELP.answerKind)
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/answer.js')).answer));

  program
    .command('edit')
    .description('correct what was recorded wrong; each change is kept in the timeline (asks which field on a terminal)')
    .argument('<id>', 'complaint id')
    .option('--customer <name>', 'customer name')
    .option('--phone <phone>', 'customer phone ("" to remove it)')
    .option('--channel <channel>', HELP.correctedChannel)
    .option('--category <category>', HELP.correctedCategory)
    .option('--severity <severity>', HELP.correctedSeverity)
    .option('--desc <text>', "what happened, in the customer's words")
    .option('--request <text>', 'what the customer wants ("" to remove it)')
    .option('--order <ref>', 'order or product reference ("" to remove it)')
    .option('--ref <number>', 'the paper form\'s number ("" to remove it)')
    .option('--received <datetime>', 'when it was received, e.g. "2026-10-05", "昨天 15:00"; a date alone is shown alone')
    .option('--dept <department>', 'the department ("" to remove it)')
    .addOption(note())
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/edit.js')).edit));

  program
    .command('void')
    .description('void a complaint entered by mistake (a test, a double entry): it leaves lists and reports, nothing is deleted')
    .argument('<id>', 'complaint id')
    .requiredOption('--reason <text>', 'why it was entered by mistake')
    .addOption(note())
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/void.js')).voidComplaint));

  program
    .command('unvoid')
    .description('bring a voided complaint back')
    .argument('<id>', 'complaint id')
    .addOption(note())
    .addOption(at())
    .addOption(by())
    .addOption(verbose())
    .action(run(async () => (await import('./commands/void.js')).unvoid));

  program
    .command('due')
    .description("today's agenda: overdue, due today, then the next working days")
    .option('--days <n>', 'how many working days ahead (default 3)')
    .action(run(async () => (await import('./commands/due.js')).due));

  program
    .command('report')
    .description('the period summary for management: every figure as it stood at the period end')
    .option('--month <month>', 'YYYY-MM (or 2026年10月), or last (default: this month to date)')
    .option('--from <date>', 'start of a custom period')
    .option('--to <date>', 'end of a custom period (inclusive)')
    .option('--format <format>', 'table, md, csv, json, html (default table; json with --json)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(run(async () => (await import('./commands/report.js')).report));

  program
    .command('import')
    .description('import typed-up paper forms from a CSV file: all or nothing, never twice')
    .argument('[file]', 'the CSV file (UTF-8, UTF-8 with BOM, or GBK)')
    .option('--template', 'print an empty CSV with the accepted headers (with --lang zh: Chinese, for Excel)')
    .option('--dry-run', 'check and count every row, write nothing')
    .addOption(new Option('--encoding <encoding>', 'the file encoding (default auto)').choices(['auto', 'utf8', 'gbk']))
    .option('--map <file>', 'a JSON file naming other headers: { "their header": "customer" }')
    .option('--skip-invalid', 'import the good rows; write the bad ones to --rejects (exit 0)')
    .option('--rejects <file>', 'with --skip-invalid: where the bad rows go, with an error column')
    .option('--ref-prefix <text>', 'put before every form number, for a sheet that numbers its forms anew (e.g. 2026-12-)')
    .action(run(async () => (await import('./commands/import.js')).importFile));

  program
    .command('export')
    .description('every complaint with its events, as CSV (importable again) or JSON')
    .addOption(new Option('--format <format>', 'csv or json (default csv; json with --json)').choices(['csv', 'json']))
    .option('--redact', 'mask phone numbers (all but the last 4 digits)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(run(async () => (await import('./commands/export.js')).exportAll));

  program
    .command('config')
    .description('show or change the calendar, deadlines, departments and follow-ups required')
    .argument('[action]', 'show (default), set, add, remove')
    .argument('[args...]', 'set KEY VALUE | add|remove holiday|workday DATES')
    .addHelpText(
      'after',
      `
Keys for set:
  workweek                  open weekdays: mon-fri, mon-sat, or 1,2,3,4,5 (0 = Sunday)
  by                        who records things when --by is not given
  deadline.KIND.SEVERITY    KIND ${HELP.deadlineKinds}; SEVERITY ${HELP.severities};
                            a value like 5d (working days) or 24h (hours)
  deadline.next-followup    the next follow-up after a satisfied one that does not close it
  department.CATEGORY       the default department of a category
  followups.CATEGORY        satisfied follow-ups needed to close
DATES: 2026-10-01, a list (2026-10-01,2026-10-08) or a range (2026-10-01..2026-10-07).`,
    )
    .action(run(async () => (await import('./commands/config.js')).config));

  program
    .command('backup')
    .description('a consistent copy of the database in FILE, made while other kesu commands write')
    .argument('<file>', 'where the copy goes (written beside it, then renamed into place)')
    .action(run(async () => (await import('./commands/backup.js')).backup));

  program
    .command('check')
    .description('check the file, and that rows and report facts agree with the events')
    .option('--repair', 'rebuild the rows, customer links and report facts from the events, then check again')
    .action(run(async () => (await import('./commands/check.js')).check));

  return program;
}

/** Runs kesu with the given arguments; returns the exit code. Nothing here calls process.exit. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  // Output that fails only after the command has returned is said as any other error would be.
  sayLateOutputFailures(languageFrom(flagValue(argv, '--lang'), io.env), argv.includes('--json'));
  const program = buildProgram(io);
  try {
    // A bare `kesu` (perhaps with global options) is someone asking what it can do: the help, on stdout, exit 0.
    await program.parseAsync(hasCommand(argv) ? [...argv] : [...argv, 'help'], { from: 'user' });
    return 0;
  } catch (error) {
    const lang = languageFrom(flagValue(argv, '--lang'), io.env);
    const json = argv.includes('--json');
    return sayFailure(error, lang, json, io, argv);
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
      return zh ? `未知选项 ${quoted}；用 kesu help 查看可用选项。` : `Unknown option ${quoted}; see kesu help for the options.${suggestion(text)}`;
    case 'commander.unknownCommand':
      return unknownCommand(quoted, suggestion(text), lang);
    case 'commander.missingMandatoryOptionValue':
      return zh ? `缺少必填选项 ${optionName(text)}；请补上它的值。` : `Missing required option ${optionName(text)}; give it a value.`;
    case 'commander.optionMissingArgument':
      return zh ? `选项 ${optionName(text)} 缺少值；请在它后面写上值。` : `Option ${optionName(text)} needs a value; write it after the option.`;
    case 'commander.missingArgument':
      return zh ? `缺少参数 ${quoted}；用 kesu help 查看用法。` : `Missing argument ${quoted}; see kesu help for the usage.`;
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
  return lang === 'zh' ? `未知命令 ${name}；用 kesu help 查看命令列表。` : `Unknown command ${name}; see kesu help for the commands.${suggested}`;
}

function optionName(text: string): string {
  return /'(-[^' ]+|--[^' ]+)[^']*'/.exec(text)?.[1] ?? text;
}

function suggestion(text: string): string {
  const match = /\(Did you mean ([^?]+)\?\)/.exec(text);
  return match ? ` Did you mean ${match[1]}?` : '';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).replace(/\.$/, '');
}
