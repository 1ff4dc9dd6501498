// kesu help in both languages (issue 14, item 9): Chinese with --lang zh or a Chinese locale, every
// command's help ending with one or two examples, the options a command cannot do without marked,
// and commander's suggestions said in the language of the message.
import { afterAll, describe, expect, it } from 'vitest';
import { expectFailure, kesu, makeDb, on, removeTempDirs } from '../helpers/kesu.js';

afterAll(removeTempDirs);

const run = on(makeDb());

/** The commands `kesu help` lists (commander's own help command aside), read from its output. */
async function listedCommands(): Promise<string[]> {
  const { stdout } = await run('help');
  const commands = stdout.slice(stdout.indexOf('Commands:'));
  return [...commands.matchAll(/^ {2}([a-z]+)\b/gm)].map(([, name]) => name!).filter((name) => name !== 'help');
}

/** The examples at the end of a help page: [what it does, the command], after the given title. */
function examplesOf(help: string, title: string): [string, string][] {
  const at = help.lastIndexOf(`\n${title}\n`);
  if (at === -1) return [];
  const lines = help.slice(at + title.length + 2).trimEnd().split('\n');
  const pairs: [string, string][] = [];
  for (let i = 0; i < lines.length; i += 2) pairs.push([lines[i]!, lines[i + 1] ?? '']);
  return pairs;
}

describe('kesu help', () => {
  it('lists the commands, each with an entry of its own', async () => {
    expect(await listedCommands()).toEqual(
      expect.arrayContaining(['open', 'list', 'show', 'log', 'assign', 'resolve', 'followup', 'close', 'reopen', 'due', 'report', 'import', 'export', 'config', 'backup', 'check']),
    );
  });

  it("ends every command's help with one or two examples, in English and in Chinese", async () => {
    for (const command of await listedCommands()) {
      for (const [args, title] of [[[], 'Examples:'], [['--lang', 'zh'], '示例：']] as const) {
        const { stdout, code } = await run(...args, 'help', command);
        expect(code).toBe(0);
        const examples = examplesOf(stdout, title);
        expect({ command, title, count: examples.length }).toMatchObject({ count: expect.toSatisfy((n: number) => n === 1 || n === 2) });
        for (const [does, line] of examples) {
          expect({ command, does }).toEqual({ command, does: expect.stringMatching(/^ {2}\S.*[:：?]$/) });
          expect({ command, line }).toEqual({ command, line: expect.stringMatching(new RegExp(`^ {4}kesu ${command}\\b`)) });
        }
      }
    }
  });

  it('gives every option and argument words of its own in both languages', async () => {
    for (const command of await listedCommands()) {
      for (const lang of ['en', 'zh']) {
        const { stdout } = await run('--lang', lang, 'help', command);
        // A line of the options or arguments with nothing after its flag or name.
        const bare = stdout.split('\n').filter((line) => /^ {2}(-|[a-z<[])\S*( <[^>]+>| \[[^\]]+\])?\s*$/.test(line));
        expect({ command, lang, bare }).toEqual({ command, lang, bare: [] });
      }
    }
  });

  it('is in Chinese with --lang zh and with a Chinese locale, in English otherwise', async () => {
    for (const [args, env] of [[['--lang', 'zh'], {}], [[], { LANG: 'zh_CN.UTF-8' }], [[], { LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' }]] as const) {
      const { stdout } = await kesu([...args, 'help', 'open'], { env });
      expect(stdout).toMatch(/^用法： kesu open \[选项\]\n/);
      expect(stdout).toContain('登记一条新投诉');
      expect(stdout).toContain('\n选项：\n');
      expect(stdout).toContain('\n示例：\n');
    }
    const english = await kesu(['--lang', 'en', 'help', 'open'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(english.stdout).toMatch(/^Usage: kesu open \[options\]\n/);
    expect(english.stdout).toContain('record a new complaint');
  });

  it('marks the options a command cannot do without', async () => {
    const help = async (...args: string[]) => (await run(...args)).stdout.replace(/\s+/g, ' ');
    expect(await help('help', 'followup')).toContain('--satisfaction <1-5> 1 very dissatisfied … 5 very satisfied (required)');
    expect(await help('--lang', 'zh', 'help', 'followup')).toContain('--satisfaction <1-5> 1 非常不满意 … 5 非常满意（必填）');
    expect(await help('help', 'assign')).toContain('--to <name> the responsible person (required)');
    expect(await help('help', 'close')).toMatch(/--reason <reason> withdrawn, unresolved, duplicate \(required\)/);
    expect(await help('help', 'open')).toMatch(/--customer <name> customer name \(required\)/);
    expect(await help('help', 'resolve')).toContain('--finding <text> what the investigation found (required with --unfounded)');
    expect(await help('--lang', 'zh', 'help', 'resolve')).toContain('（用 --unfounded 时必填）');
    // Not an option that may be left out.
    expect(await help('help', 'open')).not.toMatch(/--phone <phone> customer phone \(required\)/);
  });

  it('wraps Chinese at the width of the terminal, counting a Chinese character as two columns', async () => {
    const { stdout } = await run('--lang', 'zh', 'help', 'import');
    const widths = stdout.split('\n').map((line) => [...line].reduce((width, c) => width + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0));
    // Off a terminal commander lays help out in 80 columns.
    expect(Math.max(...widths)).toBeLessThanOrEqual(80);
  });

  it('never begins a wrapped line of Chinese with closing punctuation', async () => {
    for (const command of await listedCommands()) {
      const { stdout } = await run('--lang', 'zh', 'help', command);
      const stranded = stdout.split('\n').filter((line) => /^\s+[，。；：、）」”！？]/.test(line));
      expect({ command, stranded }).toEqual({ command, stranded: [] });
    }
  });
});

describe('suggestions in both languages', () => {
  it.each([
    [['shwo', '1'], 'Unknown command shwo; see kesu help for the commands. Did you mean show?', '未知命令 shwo；用 kesu help 查看命令列表。是不是要用 show？'],
    [['list', '--statu', 'open'], 'Unknown option --statu; see kesu help for the options. Did you mean --status?', '未知选项 --statu；用 kesu help 查看可用选项。是不是要用 --status？'],
    [['help', 'lsit'], 'Unknown command lsit; see kesu help for the commands.', '未知命令 lsit；用 kesu help 查看命令列表。'],
  ])('%j', async (args, en, zh) => {
    expect(expectFailure(await run(...args), 2)).toBe(en);
    expect(expectFailure(await run('--lang', 'zh', ...args), 2)).toBe(zh);
  });
});
