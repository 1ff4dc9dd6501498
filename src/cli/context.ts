// What every command needs from its surroundings: the database, the language, colour, the clock
// and who is acting. Settings are read at the start of a command; the database is opened, and
// whether stdin is a terminal asked, only when a command first needs them.
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Store, UpgradeNotice } from '../store/index.js';
import type { Sentence } from '../workflow/errors.js';
import type { Settings } from '../workflow/settings.js';
import type { IsoTime } from '../workflow/time.js';
import { checkAllowed, type Step } from '../workflow/transitions.js';
import type { Lang } from '../workflow/vocab.js';
import { Asker, type Question } from './asking.js';
import { parseAtOption } from './clock.js';
import { usage, UserError } from './errors.js';
import type { Io } from './io.js';
import { languageFrom } from './language.js';
import type { RenderContext } from './render/complaint.js';
import type { Style } from './render/style.js';
import { visible } from './render/visible.js';

export type StoreUse = 'read' | 'change' | 'start' | 'import';

export interface GlobalOptions {
  readonly db?: string;
  readonly json?: boolean;
  readonly color?: boolean;
  readonly lang?: string;
}

export interface CliContext extends RenderContext {
  readonly json: boolean;
  /**
   * The columns stdout's terminal has (80 where it does not say), or null when stdout is no
   * terminal: then tables are printed whole, whatever their width.
   */
  readonly width: number | null;
  /** Whether kesu can ask: stdin and stdout are a terminal. */
  readonly interactive: boolean;
  readonly style: Style;
  /** Whether output is in colour (questions too). */
  readonly color: boolean;
  /**
   * A value the command cannot do without and was not given: asked for on a terminal (asking.ts),
   * else a usage error naming its flag. `about`: the complaint it is asked for and the step asked
   * of it: before anything is asked, the complaint must exist and be able to take that step.
   */
  ask(question: Question, about?: { readonly id: number; readonly step: Step }): Promise<string>;
  /** After the command failed with `error`: whether it refused an answer given to `ask`, now asked for again. */
  askAgain(error: unknown): Promise<boolean>;
  /**
   * Opens the database on first use; commands that do not need it never pay for it. `read`: the
   * command only reads (a read-only file is opened read-only); `change`: it changes a complaint
   * already stored. For both, a database file named by --db or KESU_DB that does not exist is a
   * mistyped path, refused rather than created empty (the default file is created, as by any
   * command). `start` (the default): the command may start a store. `import`: a database file that
   * does not exist is made only if the import commits.
   */
  store(use?: StoreUse): Promise<Store>;
  /** The environment kesu runs in (what a command it starts inherits). */
  readonly env: NodeJS.ProcessEnv;
  /** The database file the command uses (--db, else KESU_DB, else the default), for sentences about it. */
  readonly dbPath: string;
  /** Output beside what the command returns: what a refused command says before it fails. */
  out(text: string): void;
  /** Text on stderr (problems as they are found, a progress bar). */
  err(text: string): void;
  /** The time now: a write made after waiting its turn is dated when it writes. */
  clock(): IsoTime;
  /** Whether stderr is a terminal (a progress bar). */
  readonly stderrIsTerminal: boolean;
  /** Closes the database, if the command opened it. */
  close(): void;
  /** The --at time of the command (default now). */
  at(option: string | undefined, flag?: string): IsoTime;
  /**
   * The --by of the command, else the default configured in `settings` (those a write read in its
   * own transaction), else the operating-system user.
   */
  actor(option: string | undefined, settings: Settings): string;
}

/** The width of a terminal that does not say its own: the width terminals have been since the VT100. */
const DEFAULT_COLUMNS = 80;

function defaultDbPath(env: NodeJS.ProcessEnv): string {
  const dataHome = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(dataHome, 'kesu', 'kesu.db');
}

/** Without colour every style leaves the text as it is, and chalk is not even loaded. */
const PLAIN: Style = { major: (text) => text, overdue: (text) => text, dim: (text) => text, bold: (text) => text, heading: (text) => text, match: (text) => text };

export async function makeContext(options: GlobalOptions, io: Io): Promise<CliContext> {
  const { env } = io;
  const lang = languageFrom(options.lang, env);
  const color = options.color !== false && !('NO_COLOR' in env && env.NO_COLOR !== '') && !options.json && io.terminal.stdout();
  // An empty KESU_DB is taken as unset (SQLite would open a temporary database for "").
  if (options.db === '') throw usage('--db is empty; give the path of the database file, or leave --db out.', '--db 为空；请给出数据库文件的路径，或不用 --db。');
  const namedPath = options.db ?? (env.KESU_DB || undefined);
  const dbPath = namedPath ?? defaultDbPath(env);
  const now = io.now();
  let opened: Store | undefined;
  // Asked only when a command needs to know: reading process.stdin builds its stream, a few milliseconds of every start.
  const interactive = () => io.terminal.stdin() && io.terminal.stdout();
  const asker = new Asker(interactive, { lang, color });
  const store = async (use: StoreUse = 'start'): Promise<Store> => {
    opened ??= await openDatabase({ dbPath, namedPath }, use, (from, to) =>
      notice(io, lang, Boolean(options.json), 'upgrading', {
        en: `Updating the database ${dbPath} for this version of kesu (schema ${from} to ${to}); on a large store this can take minutes, and stopping it leaves the database as it was.`,
        zh: `正在为此版本的 kesu 更新数据库 ${dbPath}（结构版本 ${from} 升至 ${to}）；数据量大时需要几分钟，中途停止则数据库保持原样。`,
      }),
    );
    return opened;
  };
  return {
    lang,
    now,
    json: Boolean(options.json),
    get interactive() {
      return interactive();
    },
    color,
    ask: async (question, about) => {
      // `followup 99` says there is no complaint 99, and `answer 1` that complaint 1 is closed,
      // rather than ask for what cannot be used; decide refuses it again when the command writes.
      if (about !== undefined && interactive()) checkAllowed((await (await store('change')).find(about.id)).complaint, about.step, now);
      return asker.ask(question);
    },
    askAgain: (error) => asker.askAgain(error),
    get stderrIsTerminal() {
      return io.terminal.stderr();
    },
    get width() {
      return io.terminal.stdout() ? (io.terminal.columns() ?? DEFAULT_COLUMNS) : null;
    },
    out: io.out,
    err: io.err,
    clock: io.now,
    close: () => opened?.close(),
    style: color ? (await import('./render/style.js')).makeStyle(true) : PLAIN,
    store,
    env,
    dbPath,
    at: (option, flag = '--at') => (option === undefined ? now : parseAtOption(option, flag, now)),
    actor: (option, settings) => option?.trim() || (settings.defaultActor ?? osUser(env)),
  };
}

/**
 * Opens the database for `use` (CliContext.store). `namedPath`: the path as --db or KESU_DB named it,
 * undefined for the default file.
 */
async function openDatabase({ dbPath, namedPath }: { dbPath: string; namedPath: string | undefined }, use: StoreUse, onUpgrade: UpgradeNotice): Promise<Store> {
  const exists = dbPath === ':memory:' || existsSync(dbPath);
  if (!exists && lstatSync(dbPath, { throwIfNoEntry: false })?.isSymbolicLink()) {
    throw new UserError('not-found', {
      en: `${dbPath} is a symbolic link to ${readlinkSync(dbPath)}, which does not exist; give the path of the database itself, or mend the link.`,
      zh: `${dbPath} 是指向 ${readlinkSync(dbPath)} 的符号链接，而该文件不存在；请给出数据库本身的路径，或修复该链接。`,
    });
  }
  if ((use === 'read' || use === 'change') && namedPath !== undefined && !exists) {
    throw new UserError('not-found', {
      en: `There is no kesu database at ${namedPath}; check --db or KESU_DB, or record a complaint with kesu open to start one there.`,
      zh: `${namedPath} 处没有 kesu 数据库；请检查 --db 或 KESU_DB，或用 kesu open 登记一条投诉以在该处新建数据库。`,
    });
  }
  const { openStore } = await import('../store/index.js');
  // An import makes a database that is not there yet only if it commits: a dry run or a refusal leaves none.
  const mode = !exists ? (use === 'import' ? 'import-new' : 'create') : use === 'read' ? 'read' : use === 'start' ? 'create' : 'write';
  return openStore(dbPath, mode, onUpgrade);
}

function osUser(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? 'unknown';
  }
}

/**
 * A note beside a command's output, on stderr so that stdout stays the output alone: a line
 * "kesu: …", or with --json one JSON object per line, { "warning": { "code", "message" } }.
 */
export function warn(context: CliContext, code: string, sentence: Sentence): void {
  notice(context, context.lang, context.json, code, sentence);
}

function notice(io: Pick<Io, 'err'>, lang: Lang, json: boolean, code: string, sentence: Sentence): void {
  io.err(json ? `${JSON.stringify({ warning: { code, message: sentence[lang] } })}\n` : `kesu: ${visible(sentence[lang], { oneLine: true })}\n`);
}
