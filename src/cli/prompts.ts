// Every question kesu asks on a terminal, on @inquirer/core. This module is imported only when a
// question is shown, so a command run from a script never loads it.
//
// Keys: Enter answers (in a question of several lines, an empty line ends the text); Ctrl-D leaves
// the question unanswered (null: the caller keeps what it had, or cancels); Ctrl-C interrupts
// (InterruptedError: exit 130). A question is cleared from the screen when it is answered or
// interrupted: what was answered is for the command to show (open's summary, the record).
import { createPrompt, isBackspaceKey, isEnterKey, makeTheme, useEffect, useKeypress, usePrefix, useRef, useState, type KeypressEvent } from '@inquirer/core';
import select from '@inquirer/select';
import { labelOf, type Lang, type Vocabulary } from '../workflow/vocab.js';
import { InterruptedError } from './errors.js';
import { visible } from './render/visible.js';

/** How questions are put: in the user's language, in colour or not (--no-color, NO_COLOR). */
export interface Asking {
  readonly lang: Lang;
  readonly color: boolean;
}

export interface TextQuestion {
  readonly message: string;
  /** Said after the question, dimmed: "(Enter to skip)"; by default, for several lines, how to end them. */
  readonly hint?: string;
  /** Several lines: Enter starts a new line, and an empty line ends the text. */
  readonly multiline?: boolean;
  /** The answer so far, to edit: one refused, or one being changed. */
  readonly initial?: string;
  /** Why the answer so far was refused, shown under the question until a key is pressed. */
  readonly error?: string;
}

export interface Choice<C extends string> {
  readonly value: C;
  readonly name: string;
}

export interface ChoiceQuestion<C extends string> {
  /** The question; any further lines (a summary to confirm) are shown under it as they are. */
  readonly message: string;
  readonly choices: readonly Choice<C>[];
  /** The choice highlighted at first. */
  readonly default?: C;
  /** Why the choice so far was refused, shown under the question. */
  readonly error?: string;
}

/** The text typed, or null when Ctrl-D left the question unanswered. */
export async function askText(question: TextQuestion, asking: Asking): Promise<string | null> {
  // Bracketed paste: the terminal marks a paste, so that its line breaks are kept as text instead of answering.
  process.stdout.write(BRACKETED_PASTE_ON);
  try {
    const hint = question.hint ?? (question.multiline ? SEVERAL_LINES[asking.lang] : undefined);
    return await interruptible(textPrompt({ ...question, hint, theme: themeFor(asking) }, { clearPromptOnDone: true }));
  } finally {
    process.stdout.write(BRACKETED_PASTE_OFF);
  }
}

/** The value chosen, or null when Ctrl-D left the question unanswered. */
export async function askChoice<C extends string>(question: ChoiceQuestion<C>, asking: Asking): Promise<C | null> {
  const endOfInput = new AbortController();
  // Before readline's own listener, which closes the question on Ctrl-D without a word to the prompt.
  const onKey = (_: unknown, key?: KeypressEvent) => {
    if (key?.ctrl && key.name === 'd') endOfInput.abort();
  };
  process.stdin.prependListener('keypress', onKey);
  const theme = themeFor(asking);
  const navigation = KEYS_HELP[asking.lang];
  try {
    return await interruptible(
      select<C>(
        {
          message: question.error === undefined ? question.message : `${question.message}\n${question.error}`,
          choices: question.choices.map((choice) => ({ ...choice })),
          default: question.default,
          pageSize: question.choices.length,
          theme: {
            ...theme,
            // Only the question's own line in bold: the lines under it are a summary to read.
            style: { ...theme.style, message: (text: string, status: string) => boldFirstLine(text, status, asking), keysHelpTip: () => navigation },
          },
        },
        { clearPromptOnDone: true, signal: endOfInput.signal },
      ),
    );
  } catch (error) {
    if ((error as Error)?.name === 'AbortPromptError') return null;
    throw error;
  } finally {
    process.stdin.removeListener('keypress', onKey);
  }
}

/** A vocabulary's codes as choices, with the labels of the user's language (and the code beside a Chinese label). */
export function vocabularyChoices<C extends string>(vocab: Vocabulary<C>, lang: Lang): Choice<C>[] {
  return vocab.codes.map((code) => {
    const label = labelOf(vocab, code, lang);
    // The satisfaction scale: "5 very satisfied", its number first as people say it.
    if (/^\d+$/.test(code)) return { value: code, name: `${code} ${label}` };
    return { value: code, name: lang === 'zh' ? `${label} (${code})` : label };
  });
}

const BRACKETED_PASTE_ON = '\x1b[?2004h';
const BRACKETED_PASTE_OFF = '\x1b[?2004l';
const SEVERAL_LINES: Record<Lang, string> = { en: '(several lines; an empty line ends them)', zh: '（可写多行，空一行结束）' };
const KEYS_HELP: Record<Lang, string> = { en: '↑↓ choose, Enter to confirm', zh: '↑↓ 选择，回车确认' };

/** Ctrl-C (readline's SIGINT), or the process ending, as kesu's own error. */
async function interruptible<T>(answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (error) {
    if ((error as Error)?.name === 'ExitPromptError') throw new InterruptedError();
    throw error;
  }
}

const same = (text: string) => text;

/** inquirer's colours, or none: its colours follow NO_COLOR but not --no-color. */
function themeFor({ color }: Asking) {
  if (color) return makeTheme();
  return makeTheme({
    prefix: { idle: '?', done: '✔' },
    style: { answer: same, message: same, error: (text: string) => `> ${text}`, defaultAnswer: (text: string) => `(${text})`, help: same, highlight: same, key: same },
  });
}

function boldFirstLine(text: string, status: string, asking: Asking): string {
  const [first = '', ...rest] = text.split('\n');
  return [themeFor(asking).style.message(first, status as 'idle'), ...rest].join('\n');
}

/**
 * Readline's line beyond this many characters moves into the prompt's own text: readline measures
 * its whole line at every key, so a paste of a long line would take minutes (20,000 characters: 4 s).
 */
const LONG_LINE = 500;
/** The most of an answer drawn: drawing a pasted page again at every key would be slow, and it would not fit. */
const SHOWN_CHARACTERS = 2000;

interface TextConfig extends TextQuestion {
  readonly theme: ReturnType<typeof makeTheme>;
}

/** What the prompt keeps besides readline's line, and what it draws. */
interface TextState {
  /** Everything before readline's line: earlier lines, pasted text, what moved out of a long line. */
  text: string;
  /** Readline's line as last drawn. */
  line: string;
  error: string | undefined;
  pasting: boolean;
  previousKey: string;
  /** A drawing is due once the keys already read are handled. */
  drawing: boolean;
  /** Answered, or interrupted: nothing more is drawn. */
  ended: boolean;
}

type Readline = Parameters<Parameters<typeof useEffect>[0]>[0] & { cursor: number };

const textPrompt = createPrompt<string | null, TextConfig>((config, done) => {
  const initial = config.initial ?? '';
  // The initial answer's last line goes to readline, where the arrow keys can edit it.
  const lastLine = initial.slice(initial.lastIndexOf('\n') + 1);
  const editable = lastLine.length <= LONG_LINE ? lastLine : '';
  const state = useRef<TextState>({
    text: initial.slice(0, initial.length - editable.length),
    line: '',
    error: config.error,
    pasting: false,
    previousKey: '',
    drawing: false,
    ended: false,
  }).current;
  const [drawn, setDrawn] = useState(0);
  const prefix = usePrefix({ status: state.ended ? 'done' : 'idle', theme: config.theme });
  const answer = (value: string | null) => {
    state.ended = true;
    done(value === null ? null : value.replace(/\n+$/, ''));
  };

  useEffect((readline) => {
    const rl = readline as Readline;
    if (editable !== '') rl.write(editable);
    state.line = rl.line;
    setDrawn(drawn + 1);
    const beforeReadline = (_: unknown, key: KeypressEvent) => onKeyBeforeReadline(key, rl, state, config, answer);
    rl.input.prependListener('keypress', beforeReadline);
    return () => {
      // Ctrl-C ends the question with a drawing perhaps still due, which would draw it again over what follows.
      state.ended = true;
      rl.input.removeListener('keypress', beforeReadline);
    };
  }, []);

  useKeypress((_key, rl) => {
    // A paste is drawn once, when it ends; keys read together (typed fast, or pasted without the
    // terminal marking it) once, after the last: drawing the answer at every key would be slow.
    if (state.ended || state.pasting || state.drawing) return;
    state.drawing = true;
    setImmediate(() => {
      state.drawing = false;
      if (state.ended) return;
      state.line = rl.line;
      state.error = undefined;
      setDrawn(drawn + 1);
    });
  });

  const { theme } = config;
  const message = [prefix, theme.style.message(config.message, state.ended ? 'done' : 'idle'), config.hint && theme.style.help(config.hint)].filter(Boolean).join(' ');
  const errorLine = state.error === undefined ? '' : theme.style.error(state.error);
  const shown = visible(shownPart(state.text));
  if (!config.multiline && !shown.includes('\n')) return [`${message} ${shown}${state.line}`, errorLine];
  const lines = shown.split('\n');
  const current = lines.pop() ?? '';
  return [[message, ...lines.map((line) => `  ${line}`), `  ${current}${state.line}`].join('\n'), errorLine];
});

/** Keys that need readline's line as it was before readline acts on them (Enter empties it). */
function onKeyBeforeReadline(key: KeypressEvent, rl: Readline, state: TextState, config: TextConfig, answer: (value: string | null) => void): void {
  if (state.ended) return;
  const name = key.name;
  // CR LF is one line break.
  const crlf = name === 'enter' && state.previousKey === 'return';
  state.previousKey = name;
  if (name === 'paste-start' || name === 'paste-end') state.pasting = name === 'paste-start';
  else if (crlf) return;
  else if (isEnterKey(key)) {
    const currentLine = state.text.slice(state.text.lastIndexOf('\n') + 1) + rl.line;
    // A line break pasted, or Enter on a line of text of several: the line is kept before readline empties it.
    if (state.pasting || (config.multiline && currentLine !== '')) state.text += `${rl.line}\n`;
    else answer(state.text + rl.line);
  } else if (key.ctrl && name === 'd' && rl.line === '') answer(state.text === '' ? null : state.text);
  else if (rl.cursor === 0 && state.text !== '' && isBackspaceKey(key)) state.text = withoutLastCharacter(state.text);
  else if (rl.cursor === 0 && state.text !== '' && key.ctrl && name === 'u') state.text = withoutLastLine(state.text);
  else if (rl.line.length >= LONG_LINE && rl.cursor === rl.line.length) {
    state.text += rl.line;
    rl.line = '';
    rl.cursor = 0;
  }
}

function withoutLastCharacter(text: string): string {
  const last = text.codePointAt(text.length - 2);
  // A character beyond the basic plane (an emoji) is two UTF-16 units.
  return text.slice(0, last !== undefined && last > 0xffff ? -2 : -1);
}

/** The text without its last line: what Ctrl-U does at the start of a line. */
function withoutLastLine(text: string): string {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return body.slice(0, body.lastIndexOf('\n') + 1);
}

/** The end of a long text, marked as such. */
function shownPart(text: string): string {
  if (text.length <= SHOWN_CHARACTERS) return text;
  let start = text.length - SHOWN_CHARACTERS;
  const code = text.charCodeAt(start);
  if (code >= 0xdc00 && code <= 0xdfff) start++; // not half an emoji
  return `…${text.slice(start)}`;
}
