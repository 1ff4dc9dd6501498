// `kesu notify log [--limit N]` and `kesu notify test`: the notification log, and a sample sent now.
import { formatTime } from '../../workflow/time-words.js';
import { instant } from '../../workflow/time.js';
import type { NotificationEntry } from '../../store/index.js';
import type { CliContext } from '../context.js';
import { usage, UserError } from '../errors.js';
import { parseCount } from '../options.js';
import { renderGrid } from '../render/grid.js';
import { toJsonText } from '../render/json.js';
import { visible } from '../render/visible.js';

export interface NotifyOptions {
  limit?: string;
}

/** A pending notification older than this has lost its runner: said so in the log. */
const RUNNER_LOST_MS = 5 * 60_000;

export async function notify(context: CliContext, action: string, options: NotifyOptions): Promise<string> {
  if (action === 'log') return notifyLog(context, options);
  if (action === 'test') return notifyTest(context);
  throw usage(`Use kesu notify log [--limit N] or kesu notify test, not kesu notify ${action}.`, `请用 kesu notify log [--limit N] 或 kesu notify test，而不是 kesu notify ${action}。`);
}

async function notifyLog(context: CliContext, options: NotifyOptions): Promise<string> {
  const limit = options.limit === undefined ? 50 : parseCount(options.limit, '--limit', { max: 10_000, why: { en: 'the log shows at most 10,000 lines at once', zh: '日志一次最多显示 10,000 条' } });
  const entries = await (await context.store('read')).notificationLog(limit);
  if (context.json) return toJsonText(entries);
  const zh = context.lang === 'zh';
  if (entries.length === 0) return zh ? '还没有发送过通知。\n' : 'No notification has been sent yet.\n';
  const head = zh ? ['时间', '事项', '投诉', '记录', '结果', '退出码', '错误输出'] : ['When', 'Event', 'Complaint', 'Seq', 'Outcome', 'Exit', 'Stderr'];
  const rows = entries.map((entry) => [
    formatTime(entry.at, context.lang, context.now.slice(0, 4)),
    entry.type,
    entry.complaintId === null ? '—' : String(entry.complaintId),
    entry.eventSeq === null ? '—' : String(entry.eventSeq),
    outcomeWords(entry, context),
    entry.exitCode === null ? '—' : String(entry.exitCode),
    entry.stderr === null ? '' : visible(entry.stderr, { oneLine: true }),
  ]);
  return `${renderGrid(head, rows)}\n`;
}

function outcomeWords({ outcome, at }: NotificationEntry, { lang, now }: CliContext): string {
  const zh = lang === 'zh';
  switch (outcome) {
    case 'sent':
      return zh ? '已发送' : 'sent';
    case 'failed':
      return zh ? '失败' : 'failed';
    case 'timed-out':
      return zh ? '超时' : 'timed out';
    case 'pending':
      if (instant(now) - instant(at) > RUNNER_LOST_MS) return zh ? '无结果（发送进程中断）' : 'no outcome (the runner stopped)';
      return zh ? '发送中' : 'sending';
  }
}

async function notifyTest(context: CliContext): Promise<string> {
  // A database that is there: a mistyped --db is said, not made.
  const store = await context.store('change');
  const settings = await store.settings();
  const zh = context.lang === 'zh';
  const { command } = settings.notify;
  if (command === null) {
    throw new UserError('invalid', {
      en: "notify.command is not set, so there is nothing to test; set it with kesu config set notify.command 'CMD'.",
      zh: "尚未设置 notify.command，无可测试；请用 kesu config set notify.command '命令' 设置。",
    });
  }
  const { sendTest, notifyTimeout } = await import('../services/notify.js');
  const result = await sendTest(context, store, settings, command);
  const said = result.stderr === null ? '' : visible(result.stderr, { oneLine: true });
  if (result.outcome === 'sent') return zh ? `测试通知已发送：命令成功退出（退出码 0）。\n` : `The test notification was sent: the command exited with 0.\n`;
  if (result.outcome === 'timed-out') {
    const seconds = notifyTimeout(context.env) / 1000;
    throw new UserError('notify-failed', {
      en: `The test notification timed out: the command was still running after ${seconds} s and was stopped${said ? ` (it said: ${said})` : ''}; make it finish sooner, e.g. give curl --max-time 5.`,
      zh: `测试通知超时：命令运行超过 ${seconds} 秒被终止${said ? `（错误输出：${said}）` : ''}；请让它更快结束，例如给 curl 加 --max-time 5。`,
    });
  }
  const exit = result.exitCode === null ? '' : zh ? `（退出码 ${result.exitCode}）` : ` (exit code ${result.exitCode})`;
  throw new UserError('notify-failed', {
    en: `The test notification failed${exit}${said ? `: ${said}` : ', with nothing on stderr'}; check notify.command (kesu config).`,
    zh: `测试通知失败${exit}${said ? `：${said}` : '，无错误输出'}；请检查 notify.command（kesu config）。`,
  });
}
