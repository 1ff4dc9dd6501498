// The words of `kesu help`, in English and Chinese: one entry per command (what it does, each
// argument and option, which options it cannot do without, one or two examples), the options and
// values built from the vocabularies so that a code added or renamed in vocab.ts is offered here too.
// program.ts declares the commands and their flags; `helpFor` puts these words on them.
import { Help, type Command, type HelpConfiguration, type Option } from 'commander';
import { DEADLINE_KINDS } from '../../workflow/deadlines.js';
import type { Sentence } from '../../workflow/errors.js';
import {
  ALL_STATUSES,
  alternatives,
  CATEGORY,
  CHANNEL,
  WAIT_PARTY,
  CLOSE_REASON,
  COMPENSATION_KIND,
  DEFAULT_CHANNEL,
  DEFAULT_FOLLOWUP_METHOD,
  DEFAULT_SEVERITY,
  describeChoice,
  describeCodes,
  FOLLOWUP_METHOD,
  labelOf,
  LOG_KIND,
  RESPONSIBILITY,
  SATISFACTION,
  SATISFACTION_SCALE,
  SEVERITY,
  STATUS,
  type Lang,
  type Vocabulary,
  VOIDED_STATUS,
} from '../../workflow/vocab.js';
import { displayWidth } from './width.js';

interface OptionHelp extends Sentence {
  /** The command cannot do without it: marked "(required)", or with the words given ("required unless …"). */
  readonly required?: true | Sentence;
}

interface Example {
  /** What it does, ending in a colon. */
  readonly does: Sentence;
  readonly run: string;
}

interface CommandHelp {
  readonly description: Sentence;
  /** By the argument's name. */
  readonly arguments?: Readonly<Record<string, Sentence>>;
  /** By the option's long flag. */
  readonly options?: Readonly<Record<string, OptionHelp>>;
  /** More about the command, before the examples. */
  readonly more?: Sentence;
  /** One or two, at the end of the command's help (a test holds every command to it). */
  readonly examples: readonly Example[];
}

/** The placeholder of --satisfaction: `<1-5>`. */
export const SATISFACTION_VALUE = `<${SATISFACTION_SCALE.lowest}-${SATISFACTION_SCALE.highest}>`;

/** A vocabulary's words: its codes in English, its Chinese labels in Chinese. */
function oneOf<C extends string>(vocab: Vocabulary<C>, defaultCode?: C): Sentence {
  if (defaultCode === undefined) return { en: describeCodes(vocab), zh: describeChoice(vocab, 'zh') };
  return { en: `${describeCodes(vocab)} (default ${defaultCode})`, zh: `${describeChoice(vocab, 'zh')}（默认${labelOf(vocab, defaultCode, 'zh')}）` };
}

/** Filters that take a comma list. */
function anyOf<C extends string>(vocab: Vocabulary<C>): Sentence {
  return { en: `comma-separated ${vocab.name === 'category' ? 'categories' : 'severities'}`, zh: `${describeChoice(vocab, 'zh')}（可用逗号分隔多个）` };
}

/** --status of list and search (list.ts parseStatuses): the statuses, voided, or all; `defaults` when the command says what it takes without one. */
function statusFilter(defaults?: Sentence): Sentence {
  const [en, zh] = defaults === undefined ? ['', ''] : [`; ${defaults.en}`, `；${defaults.zh}`];
  return {
    en: `${describeCodes(STATUS)}, ${describeCodes(VOIDED_STATUS)}, or ${describeCodes(ALL_STATUSES)} (comma-separated${en})`,
    zh: `${STATUS.codes.map((code) => labelOf(STATUS, code, 'zh')).join('、')}、${labelOf(VOIDED_STATUS, 'voided', 'zh')}或“${labelOf(ALL_STATUSES, 'all', 'zh')}”（可用逗号分隔多个${zh}）`,
  };
}

const ID: Sentence = { en: 'complaint id', zh: '投诉编号' };
const AT: OptionHelp = {
  en: 'when it happened (default now), e.g. "2026-10-05 09:00", "12-06 15:00", "yesterday 15:00", "今天 9点"',
  zh: '发生时间（默认现在），例如 "2026-10-05 09:00"、"12-06 15:00"、"昨天 15:00"、"今天 9点"',
};
const VERBOSE: OptionHelp = { en: 'print the whole record after the change, as show does', zh: '修改后像 show 一样输出完整记录' };
const BY: OptionHelp = { en: 'who did it (default: kesu config by, else the system user)', zh: '经办人（默认：kesu config 的 by，否则为系统用户）' };
const NOTE: OptionHelp = { en: 'a note for the timeline', zh: '写入处理记录的备注' };
const OUT: OptionHelp = { en: 'write to this file instead of stdout', zh: '写入此文件，而不是标准输出' };
const REQUIRED: Sentence = { en: '(required)', zh: '（必填）' };
const { lowest, highest } = SATISFACTION_SCALE;

/** `kesu` itself: its description, the global options, and what a new user tries first. */
const PROGRAM: CommandHelp = {
  description: { en: 'Record customer complaints and carry each one through the handling procedure.', zh: '登记客户投诉，并按处理流程跟进每一条投诉。' },
  options: {
    '--db': { en: 'database file (default: KESU_DB, else $XDG_DATA_HOME/kesu/kesu.db)', zh: '数据库文件（默认：KESU_DB，否则为 $XDG_DATA_HOME/kesu/kesu.db）' },
    '--json': { en: 'machine-readable output on stdout', zh: '在标准输出上输出机器可读的 JSON' },
    '--no-color': { en: 'no colour (also NO_COLOR)', zh: '不使用颜色（也可设置 NO_COLOR）' },
    '--lang': { en: 'language: en or zh (default from LC_ALL, LC_MESSAGES or LANG)', zh: '语言：en 或 zh（默认取自 LC_ALL、LC_MESSAGES 或 LANG）' },
    '--version': { en: 'print the version', zh: '显示版本号' },
  },
  examples: [
    { does: { en: 'Record a complaint, answering one question at a time:', zh: '按提示逐项登记一条投诉：' }, run: 'kesu open' },
    { does: { en: "Today's agenda:", zh: '今天的待办：' }, run: 'kesu due' },
  ],
};

/** Every command's words. A new command needs its entry here (a test holds every command, option and argument to one). */
const COMMAND_HELP: Readonly<Record<string, CommandHelp>> = {
  open: {
    description: { en: 'record a new complaint (asks for what is missing on a terminal)', zh: '登记一条新投诉（在终端中会询问缺少的内容）' },
    options: {
      '--customer': { en: 'customer name', zh: '客户姓名', required: true },
      '--phone': { en: 'customer phone', zh: '客户联系电话' },
      '--channel': oneOf(CHANNEL, DEFAULT_CHANNEL),
      '--category': { ...oneOf(CATEGORY), required: true },
      '--severity': { en: `${describeCodes(SEVERITY)} (default ${DEFAULT_SEVERITY}; major through the third-party channel)`, zh: `${describeChoice(SEVERITY, 'zh')}（默认一般；经第三方渠道的默认重大）` },
      '--desc': { en: "what happened, in the customer's words", zh: '投诉内容（客户原话）', required: true },
      '--request': { en: 'what the customer wants', zh: '客户的要求' },
      '--order': { en: 'order or product reference', zh: '订单号或商品编号' },
      '--ref': { en: "the paper form's number (unique)", zh: '纸质投诉单的编号（不可重复）' },
      '--received': {
        en: 'when it was received (default now), e.g. "2026-10-05", "昨天 15:00"; a date alone is shown alone',
        zh: '受理时间（默认现在），例如 "2026-10-05"、"昨天 15:00"；只给日期时只显示日期',
      },
      '--at': AT,
      '--by': BY,
      '--slip': { en: 'print the acknowledgement slip (as kesu slip does) after recording', zh: '登记后打印受理回执（同 kesu slip）' },
      '--criterion': {
        en: 'what makes it major, one of the shop\'s criteria (kesu config lists them); makes it major and escalates it',
        zh: '重大投诉依据，须为本店的标准之一（kesu config 可查看）；投诉即为重大并升级至店长',
      },
    },
    examples: [
      { does: { en: 'Record a complaint taken on the phone:', zh: '登记一条电话受理的投诉：' }, run: 'kesu open --customer 王芳 --channel 电话 --category 质量 --desc "电饭煲漏电"' },
      { does: { en: 'Be asked for each field, one at a time:', zh: '按提示逐项填写：' }, run: 'kesu open' },
    ],
  },
  list: {
    description: { en: 'complaints not yet closed, major first, then by nearest deadline', zh: '未结案的投诉：重大投诉在前，其余按最近的期限排序' },
    options: {
      '--status': statusFilter(),
      '--category': anyOf(CATEGORY),
      '--severity': anyOf(SEVERITY),
      '--assignee': { en: 'comma-separated assignees', zh: '责任人（可用逗号分隔多个）' },
      '--customer': { en: 'parts of customer names, comma-separated', zh: '客户姓名的一部分（可用逗号分隔多个）' },
      '--phone': { en: 'parts of phone numbers, by their digits, comma-separated', zh: '电话号码的一部分，按数字匹配（可用逗号分隔多个）' },
      '--overdue': { en: 'only complaints with a deadline passed', zh: '只列出已超期的投诉' },
      '--waiting': { en: 'only complaints waiting on someone (kesu wait), their deadlines paused', zh: '只列出正在等待（kesu wait）、期限已暂停的投诉' },
      '--escalated': { en: 'only complaints escalated to the manager and not closed since', zh: '只列出已升级至店长、尚未结案的投诉' },
      '--since': { en: 'received on or after', zh: '受理日期不早于此日' },
      '--until': { en: 'received on or before', zh: '受理日期不晚于此日' },
      '--limit': { en: 'at most this many (default 500, with a note when more match)', zh: '最多列出多少条（默认 500，超出时会提示）' },
    },
    examples: [
      { does: { en: 'Overdue complaints about quality or delivery:', zh: '已超期的质量和配送投诉：' }, run: 'kesu list --category quality,delivery --overdue' },
      { does: { en: 'Every complaint of a customer, closed ones too:', zh: '某位客户的全部投诉，包括已结案的：' }, run: 'kesu list --status all --customer 王芳' },
    ],
  },
  show: {
    description: {
      en: "the whole record, its deadlines and how they were reached, its timeline, and the customer's other complaints",
      zh: '投诉的完整记录、各项期限及其由来、处理记录，以及该客户的其他投诉',
    },
    arguments: { id: ID },
    examples: [{ does: { en: 'Everything about complaint 12:', zh: '查看投诉 12 的全部内容：' }, run: 'kesu show 12' }],
  },
  slip: {
    description: {
      en: "the acknowledgement slip for the customer: the shop, what was recorded, who received it, and by when they will be answered",
      zh: '给客户的受理回执：本店信息、登记内容、受理人，以及答复期限',
    },
    arguments: { id: ID },
    options: {
      '--format': { en: 'text (for a message, the default) or html (for an 80 mm receipt printer or A5)', zh: 'text（用于微信/短信，默认）或 html（用于 80 毫米小票打印机或 A5 纸）' },
      '--out': OUT,
    },
    more: {
      en: 'The shop is named as set by kesu config set shop.name|shop.address|shop.phone. The phone is masked but its last digits.',
      zh: '店名、地址、电话取自 kesu config set shop.name|shop.address|shop.phone。电话只显示最后几位。',
    },
    examples: [
      { does: { en: 'The slip of complaint 12, to paste into a message:', zh: '投诉 12 的回执，可粘贴到微信或短信：' }, run: 'kesu slip 12' },
      { does: { en: 'For the receipt printer:', zh: '用于小票打印机：' }, run: 'kesu slip 12 --format html --out slip.html' },
    ],
  },
  letter: {
    description: {
      en: 'the apology letter to the customer once the complaint is resolved: what they reported, what was found and done, the compensation, and how to reach the shop',
      zh: '投诉处理完毕后给客户的致歉信：反映的问题、调查与处理结果、补偿，以及本店联系方式',
    },
    arguments: { id: ID },
    options: {
      '--format': { en: 'text (for a message, the default) or html (for A4 or A5 paper)', zh: 'text（用于微信/短信，默认）或 html（用于 A4 或 A5 纸）' },
      '--out': OUT,
    },
    more: {
      en: 'In the language of the command (--lang). The shop writes its own with kesu config set letter.template.en|letter.template.zh FILE ({{customer}}, {{finding}}, {{solution}}, … see the README); "" restores the built-in letter. The phone is masked but its last digits.',
      zh: '语言随命令（--lang）。本店可用 kesu config set letter.template.zh|letter.template.en 文件 设置自己的模板（{{customer}}、{{finding}}、{{solution}} 等，见 README）；设为 "" 恢复内置信件。电话只显示最后几位。',
    },
    examples: [
      { does: { en: 'The letter of complaint 12, to paste into a message:', zh: '投诉 12 的致歉信，可粘贴到微信或短信：' }, run: 'kesu letter 12' },
      { does: { en: 'To print on A4:', zh: '用 A4 纸打印：' }, run: 'kesu letter 12 --format html --out letter.html' },
    ],
  },
  search: {
    description: {
      en: 'complaints whose texts, customer, phone, order or form number hold TEXT; newest first',
      zh: '查找内容、客户、电话、订单号或表单编号中含有 TEXT 的投诉；最新的在前',
    },
    arguments: { text: { en: 'what to look for (case, width and spaces do not matter)', zh: '要查找的内容（不分大小写、全角半角和空格）' } },
    options: {
      '--status': statusFilter({ en: 'default every status', zh: '默认全部状态' }),
      '--limit': { en: 'at most this many (default 50, with a note when more match)', zh: '最多列出多少条（默认 50，超出时会提示）' },
    },
    examples: [
      { does: { en: 'Complaints that mention a rice cooker:', zh: '提到电饭煲的投诉：' }, run: 'kesu search 电饭煲' },
      { does: { en: 'Open ones about an order:', zh: '某个订单的未结案投诉：' }, run: 'kesu search JD-20261205 --status open,assigned' },
    ],
  },
  customer: {
    description: { en: "a customer's complaints, open ones first, and how many in the last 12 months", zh: '某位客户的全部投诉（未结案的在前），以及近 12 个月的投诉次数' },
    arguments: { 'name-or-phone': { en: "the customer's name, or phone number", zh: '客户姓名或电话号码' } },
    options: { '--limit': { en: 'at most this many complaints (default 500, with a note when there are more)', zh: '最多列出多少条投诉（默认 500，超出时会提示）' } },
    examples: [
      { does: { en: 'Everything 王芳 has complained about:', zh: '王芳的全部投诉：' }, run: 'kesu customer 王芳' },
      { does: { en: 'By phone number:', zh: '按电话号码查找：' }, run: 'kesu customer 13800138000' },
    ],
  },
  log: {
    description: { en: 'add a timeline entry: a note, a call, a visit, an investigation finding', zh: '添加一条处理记录：备注、通话、走访或调查结果' },
    arguments: { id: ID, text: { en: 'what happened (asked for on a terminal when not given)', zh: '发生了什么（未给出时在终端中询问）' } },
    options: {
      '--kind': {
        en: `${describeCodes(LOG_KIND)} (default note; finding with --substantiated)`,
        zh: `${describeChoice(LOG_KIND, 'zh')}（默认${labelOf(LOG_KIND, 'note', 'zh')}；带 --substantiated 时为${labelOf(LOG_KIND, 'finding', 'zh')}）`,
      },
      '--substantiated': { en: 'whether the investigation found the complaint substantiated', zh: '调查后投诉是否属实：是或否' },
      '--responsibility': oneOf(RESPONSIBILITY),
      '--root-cause': { en: 'the root cause found', zh: '查明的根本原因' },
      '--answered': {
        en: 'the entry is the answer given to the customer: it meets the answer deadline (as kesu answer)',
        zh: '这条记录就是给客户的答复：满足答复期限（同 kesu answer）',
      },
      '--at': AT,
      '--by': BY,
      '--verbose': VERBOSE,
    },
    examples: [
      { does: { en: 'Record a call to the customer:', zh: '记录一次给客户的电话：' }, run: 'kesu log 12 "Called back, sent photos" --kind call' },
      { does: { en: 'Record what the investigation found:', zh: '记录调查结果：' }, run: 'kesu log 12 "整批内胆有裂纹" --substantiated yes --responsibility supplier' },
    ],
  },
  assign: {
    description: { en: 'hand the complaint to the responsible person', zh: '把投诉交给负责人处理' },
    arguments: { id: ID },
    options: {
      '--to': { en: 'the responsible person', zh: '负责人', required: true },
      '--dept': { en: "their department (default: the category's)", zh: '所属部门（默认：该类别的部门）' },
      '--note': NOTE,
      '--at': AT,
      '--by': BY,
      '--verbose': VERBOSE,
    },
    examples: [{ does: { en: 'Hand complaint 12 to 老张 of the QC department:', zh: '把投诉 12 交给品控部的老张：' }, run: 'kesu assign 12 --to 老张 --dept 品控部' }],
  },
  resolve: {
    description: { en: 'record the solution agreed with the customer, or that the complaint is unfounded', zh: '记录与客户商定的处理方案，或投诉不成立的结论' },
    arguments: { id: ID },
    options: {
      '--solution': { en: 'the solution carried out', zh: '已执行的处理方案', required: { en: '(required, unless --unfounded)', zh: '（必填，用 --unfounded 时除外）' } },
      '--compensation': { en: 'compensation amount, e.g. 25.50', zh: '赔付金额，例如 25.50' },
      '--compensation-kind': oneOf(COMPENSATION_KIND),
      '--root-cause': { en: 'the root cause', zh: '根本原因' },
      '--action': { en: 'corrective action, to prevent recurrence', zh: '纠正措施，防止再次发生' },
      '--unfounded': { en: 'the complaint is unfounded: close it with the finding', zh: '投诉不成立：附上调查结论并结案' },
      '--finding': { en: 'what the investigation found', zh: '调查结论', required: { en: '(required with --unfounded)', zh: '（用 --unfounded 时必填）' } },
      '--approved-by': {
        en: 'who approved a compensation above the shop\'s standard (kesu config set standard.…)',
        zh: '超出本店赔付标准的赔付由谁批准（kesu config set standard.…）',
      },
      '--note': NOTE,
      '--at': AT,
      '--by': BY,
      '--verbose': VERBOSE,
    },
    examples: [
      { does: { en: 'Record a refund of 25.50:', zh: '记录退款 25.50 元：' }, run: 'kesu resolve 12 --solution "Refunded" --compensation 25.5 --compensation-kind refund' },
      { does: { en: 'Close it as unfounded, with the finding:', zh: '投诉不成立，附上调查结论结案：' }, run: 'kesu resolve 12 --unfounded --finding "使用不当造成"' },
    ],
  },
  followup: {
    description: { en: "record a follow-up call and the customer's satisfaction; closes or reopens", zh: '记录回访及客户满意度；满意则结案，不满意则重新处理' },
    arguments: { id: ID },
    options: {
      '--satisfaction': {
        en: `${lowest} ${labelOf(SATISFACTION, lowest, 'en')} … ${highest} ${labelOf(SATISFACTION, highest, 'en')}`,
        zh: `${lowest} ${labelOf(SATISFACTION, lowest, 'zh')} … ${highest} ${labelOf(SATISFACTION, highest, 'zh')}`,
        required: true,
      },
      '--method': oneOf(FOLLOWUP_METHOD, DEFAULT_FOLLOWUP_METHOD),
      '--note': { en: 'what the customer said', zh: '客户怎么说' },
      '--at': AT,
      '--by': BY,
      '--verbose': VERBOSE,
    },
    examples: [
      { does: { en: 'The customer is very satisfied:', zh: '客户非常满意：' }, run: 'kesu followup 12 --satisfaction 5' },
      { does: { en: 'A visit; the customer is satisfied:', zh: '上门回访，客户满意：' }, run: 'kesu followup 12 --satisfaction 满意 --method visit' },
    ],
  },
  close: {
    description: { en: 'close without a satisfied follow-up', zh: '不经满意回访直接结案' },
    arguments: { id: ID },
    options: { '--reason': { ...oneOf(CLOSE_REASON), required: true }, '--note': NOTE, '--at': AT, '--by': BY, '--verbose': VERBOSE },
    examples: [{ does: { en: 'Close a duplicate of complaint 11:', zh: '作为投诉 11 的重复投诉结案：' }, run: 'kesu close 12 --reason duplicate --note "same as #11"' }],
  },
  reopen: {
    description: { en: 'reopen a closed complaint; handling starts again from investigation', zh: '重新打开已结案的投诉，从调查开始重新处理' },
    arguments: { id: ID },
    options: { '--note': NOTE, '--at': AT, '--by': BY, '--verbose': VERBOSE },
    examples: [{ does: { en: 'The customer called again:', zh: '客户又来电了：' }, run: 'kesu reopen 12 --note "customer called again"' }],
  },
  answer: {
    description: {
      en: 'record the answer given to the customer (how it will be handled, by when); meets the answer deadline',
      zh: '记录给客户的答复（将如何处理、何时处理完）；满足答复期限',
    },
    arguments: { id: ID, text: { en: 'what the customer was told (asked for on a terminal when not given)', zh: '告诉客户的内容（未给出时在终端中询问）' } },
    options: {
      '--kind': { en: `how it was given: ${describeCodes(LOG_KIND)} (default note)`, zh: `答复方式：${describeChoice(LOG_KIND, 'zh')}（默认${labelOf(LOG_KIND, 'note', 'zh')}）` },
      '--at': AT,
      '--by': BY,
      '--verbose': VERBOSE,
    },
    examples: [{ does: { en: 'The customer was called and told what will be done:', zh: '电话告诉客户将如何处理：' }, run: 'kesu answer 12 "Replacement sent by Friday" --kind call' }],
  },
  edit: {
    description: {
      en: 'correct what was recorded wrong; each change is kept in the timeline (asks which field on a terminal)',
      zh: '更正登记错误的内容，每次更正都留在处理记录中（在终端中会询问更正哪一项）',
    },
    arguments: { id: ID },
    options: {
      '--customer': { en: 'customer name', zh: '客户姓名' },
      '--phone': { en: 'customer phone ("" to remove it)', zh: '客户联系电话（"" 表示删去）' },
      '--channel': oneOf(CHANNEL),
      '--category': { en: `${describeCodes(CATEGORY)} (an assignee stays)`, zh: `${describeChoice(CATEGORY, 'zh')}（责任人不变）` },
      '--severity': { en: `${describeCodes(SEVERITY)} (re-arms the pending deadlines)`, zh: `${describeChoice(SEVERITY, 'zh')}（未到的期限重新计算）` },
      '--desc': { en: "what happened, in the customer's words", zh: '投诉内容（客户原话）' },
      '--request': { en: 'what the customer wants ("" to remove it)', zh: '客户的要求（"" 表示删去）' },
      '--order': { en: 'order or product reference ("" to remove it)', zh: '订单号或商品编号（"" 表示删去）' },
      '--ref': { en: 'the paper form\'s number ("" to remove it)', zh: '纸质投诉单的编号（"" 表示删去）' },
      '--received': {
        en: 'when it was received, e.g. "2026-10-05", "昨天 15:00"; a date alone is shown alone',
        zh: '受理时间，例如 "2026-10-05"、"昨天 15:00"；只给日期时只显示日期',
      },
      '--dept': { en: 'the department ("" to remove it)', zh: '责任部门（"" 表示删去）' },
      '--note': NOTE,
      '--at': AT,
      '--by': BY,
      '--verbose': VERBOSE,
    },
    examples: [
      { does: { en: 'The phone number was typed wrong:', zh: '电话号码录错了：' }, run: 'kesu edit 12 --phone 13800138001 --note "typo"' },
      { does: { en: 'Be asked which field to correct:', zh: '按提示选择要更正的项：' }, run: 'kesu edit 12' },
    ],
  },
  void: {
    description: {
      en: 'void a complaint entered by mistake (a test, a double entry): it leaves lists and reports, nothing is deleted',
      zh: '作废误登记的投诉（测试、重复录入）：不再出现在列表和报表中，但不删除任何内容',
    },
    arguments: { id: ID },
    options: { '--reason': { en: 'why it was entered by mistake', zh: '误登记的原因', required: true }, '--note': NOTE, '--at': AT, '--by': BY, '--verbose': VERBOSE },
    examples: [{ does: { en: 'A complaint entered twice:', zh: '重复登记的投诉：' }, run: 'kesu void 13 --reason "entered twice, see #12"' }],
  },
  unvoid: {
    description: { en: 'bring a voided complaint back', zh: '恢复已作废的投诉' },
    arguments: { id: ID },
    options: { '--note': NOTE, '--at': AT, '--by': BY, '--verbose': VERBOSE },
    examples: [{ does: { en: 'Voided by mistake:', zh: '误作废了：' }, run: 'kesu unvoid 13 --note "voided the wrong one"' }],
  },
  escalate: {
    description: {
      en: 'take a complaint to the manager (major complaints, second reopenings and passed deadlines of major complaints are escalated by themselves)',
      zh: '把投诉升级至店长（重大投诉、再次重新处理、重大投诉超期会自动升级）',
    },
    arguments: { id: { en: 'the complaint id (none with --overdue)', zh: '投诉编号（使用 --overdue 时不填）' } },
    options: {
      '--note': { en: 'why it needs the manager', zh: '为什么需要店长处理', required: true },
      '--to': { en: 'whom to (default: config escalate.to, else the store manager)', zh: '升级给谁（默认 config escalate.to，否则店长）' },
      '--overdue': { en: 'escalate every major complaint whose deadline has passed since its last escalation (for a morning cron)', zh: '升级所有超期且尚未因此升级的重大投诉（供每天早上的定时任务使用）' },
      '--at': AT,
      '--by': BY,
      '--verbose': VERBOSE,
    },
    examples: [
      { does: { en: 'The customer threatens to go to the press:', zh: '顾客扬言要找媒体：' }, run: 'kesu escalate 12 --note "threatens to call the newspaper"' },
      { does: { en: 'Every morning, the passed deadlines of major complaints:', zh: '每天早上升级超期的重大投诉：' }, run: 'kesu escalate --overdue' },
    ],
  },
  wait: {
    description: {
      en: 'pause the deadlines while waiting on the customer, a supplier or someone else; they move back by the time waited',
      zh: '等待客户、供应商或他人期间暂停计时；恢复后期限按等待的时间顺延',
    },
    arguments: { id: ID },
    options: {
      '--on': { ...oneOf(WAIT_PARTY), required: true },
      '--note': { en: 'what it waits for', zh: '等待什么' },
      '--at': AT,
      '--by': BY,
      '--verbose': VERBOSE,
    },
    examples: [{ does: { en: 'The customer will send photos of the damage:', zh: '等客户发来损坏照片：' }, run: 'kesu wait 12 --on customer --note "photos of the damage"' }],
  },
  resume: {
    description: {
      en: "end a wait: the deadlines run again, pushed back by the working days waited (any step the shop takes for it does the same)",
      zh: '结束等待：期限恢复计时，并按等待的工作日顺延（店里对该投诉的任何处理也会结束等待）',
    },
    arguments: { id: ID },
    options: { '--note': NOTE, '--at': AT, '--by': BY, '--verbose': VERBOSE },
    examples: [{ does: { en: 'The photos came:', zh: '照片收到了：' }, run: 'kesu resume 12 --note "photos received"' }],
  },
  due: {
    description: {
      en: "today's agenda: overdue, waits past the limit, due today, the next working days, then the complaints waiting on someone",
      zh: '今天的待办：已超期、等待超过上限、今天到期、之后几个工作日到期，最后是正在等待的投诉',
    },
    options: {
      '--days': { en: 'how many working days ahead (default 3)', zh: '向后看几个工作日（默认 3）' },
      '--notify': {
        en: 'also send each overdue item and each due today to notify.command, once ever (for a morning cron)',
        zh: '同时把每项已超期、今天到期的事项发给 notify.command，每项只发一次（供每天早上的定时任务用）',
      },
    },
    examples: [
      { does: { en: "Today's agenda:", zh: '今天的待办：' }, run: 'kesu due' },
      { does: { en: 'And what falls due in the next five working days:', zh: '以及之后五个工作日内到期的：' }, run: 'kesu due --days 5' },
    ],
  },
  notify: {
    description: {
      en: "the notifications sent by the shop's own command (notify.command): their log, or a test",
      zh: '本店通知命令（notify.command）发出的通知：查看日志，或发送一条测试通知',
    },
    arguments: { action: { en: 'log (newest first) or test (a sample sent now, waited for)', zh: 'log（最新的在前）或 test（立即发送一条示例并等待结果）' } },
    options: { '--limit': { en: 'at most this many lines of the log (default 50)', zh: '日志最多列出多少条（默认 50）' } },
    examples: [
      { does: { en: 'Try the notification command with a made-up complaint:', zh: '用一条虚构的投诉试一试通知命令：' }, run: 'kesu notify test' },
      { does: { en: 'How the last notifications went:', zh: '最近的通知发送结果：' }, run: 'kesu notify log --limit 20' },
    ],
  },
  report: {
    description: { en: 'the period summary for management: every figure as it stood at the period end', zh: '供管理层查看的期间汇总：各项数字均按期末时的状态统计' },
    options: {
      '--month': { en: 'YYYY-MM (or 2026年10月), or last (default: this month to date)', zh: 'YYYY-MM（或 2026年10月），或 last 表示上月（默认：本月至今）' },
      '--week': { en: 'an ISO week, Monday to Sunday: YYYY-Www (or 2026年第49周), or last', zh: 'ISO 周（周一至周日）：YYYY-Www（或 2026年第49周），或 last 表示上周' },
      '--from': { en: 'start of a custom period', zh: '自定义期间的开始日期' },
      '--to': { en: 'end of a custom period (inclusive)', zh: '自定义期间的结束日期（含当天）' },
      '--format': { en: 'table, md, csv, json, html (default table; json with --json)', zh: 'table、md、csv、json 或 html（默认 table；带 --json 时为 json）' },
      '--out': OUT,
    },
    examples: [
      { does: { en: "Last month's report, in Markdown:", zh: '上月的报表（Markdown 格式）：' }, run: 'kesu report --month last --format md' },
      { does: { en: 'Last week, Monday to Sunday, as one HTML file for printing:', zh: '上周（周一至周日）的报表，输出为可打印的 HTML 文件：' }, run: 'kesu report --week last --format html --out week.html' },
    ],
  },
  import: {
    description: { en: 'import typed-up paper forms from a CSV file: all or nothing, never twice', zh: '从 CSV 文件导入录入好的纸质投诉单：要么全部导入，要么一条不导，且不会重复导入' },
    arguments: { file: { en: 'the CSV file (UTF-8, UTF-8 with BOM, or GBK)', zh: 'CSV 文件（UTF-8、带 BOM 的 UTF-8 或 GBK）' } },
    options: {
      '--template': { en: 'print an empty CSV with the accepted headers (with --lang zh: Chinese, for Excel)', zh: '输出只有表头的空白 CSV（带 --lang zh 时为中文表头，供 Excel 使用）' },
      '--dry-run': { en: 'check and count every row, write nothing', zh: '检查并统计每一行，不写入任何内容' },
      '--encoding': { en: 'the file encoding: auto, utf8 or gbk (default auto)', zh: '文件编码：auto、utf8 或 gbk（默认 auto）' },
      '--map': { en: 'a JSON file naming other headers: { "their header": "customer" }', zh: '说明其他表头的 JSON 文件：{ "他们的表头": "customer" }' },
      '--skip-invalid': { en: 'import the good rows; write the bad ones to --rejects (exit 0)', zh: '导入无误的行，有误的行写入 --rejects 指定的文件（退出码 0）' },
      '--rejects': { en: 'with --skip-invalid: where the bad rows go, with an error column', zh: '与 --skip-invalid 同用：有误的行写到这里，并附一列错误说明' },
      '--ref-prefix': { en: 'put before every form number, for a sheet that numbers its forms anew (e.g. 2026-12-)', zh: '加在每个表单编号前，用于每期重新编号的表格（例如 2026-12-）' },
    },
    examples: [
      { does: { en: 'Check a file, writing nothing:', zh: '只检查文件，不写入：' }, run: 'kesu import 投诉单.csv --dry-run' },
      { does: { en: 'An empty sheet with Chinese headers, for Excel:', zh: '生成中文表头的空白表格，供 Excel 使用：' }, run: 'kesu import --template --lang zh > 投诉单.csv' },
    ],
  },
  export: {
    description: { en: 'every complaint with its events, as CSV (importable again) or JSON', zh: '导出全部投诉及其处理记录，格式为 CSV（可再导入）或 JSON' },
    options: {
      '--format': { en: 'csv or json (default csv; json with --json)', zh: 'csv 或 json（默认 csv；带 --json 时为 json）' },
      '--redact': { en: 'mask phone numbers (all but the last 4 digits)', zh: '隐去电话号码（只保留后 4 位）' },
      '--out': OUT,
    },
    examples: [
      { does: { en: 'Everything, as JSON:', zh: '导出全部内容为 JSON：' }, run: 'kesu export --format json --out all.json' },
      { does: { en: 'A copy to share, without phone numbers:', zh: '导出一份隐去电话号码的副本：' }, run: 'kesu export --redact --out 投诉.csv' },
    ],
  },
  config: {
    description: { en: 'show or change the calendar, deadlines, departments and follow-ups required', zh: '查看或修改工作日历、处理期限、各类别的部门和结案所需的回访次数' },
    arguments: {
      action: { en: 'show (default), set, add, remove, holidays', zh: 'show（默认）、set、add、remove 或 holidays' },
      args: {
        en: 'set KEY VALUE | add|remove holiday|workday DATES | holidays CALENDAR [YEAR…] | remove holidays CALENDAR [YEAR…]',
        zh: 'set 键 值，add|remove holiday|workday 日期，holidays 日历 [年份…]，或 remove holidays 日历 [年份…]',
      },
    },
    more: {
      en: `Keys for set:
  workweek                  open weekdays: mon-fri, mon-sat, or 1,2,3,4,5 (0 = Sunday)
  by                        who records things when --by is not given
  deadline.KIND.SEVERITY    KIND ${alternatives(DEADLINE_KINDS, 'en')}; SEVERITY ${describeChoice(SEVERITY, 'en')};
                            a value like 5d (working days) or 24h (hours)
  deadline.next-followup    the next follow-up after a satisfied one that does not close it
  department.CATEGORY       the default department of a category
  followups.CATEGORY        satisfied follow-ups needed to close
  notify.command            a shell command run for each notification, the JSON on stdin ("" removes it)
  notify.on                 what is notified: a comma list of event types, overdue and due
  notify.phones             yes: phones in full in notifications (default no: masked)
DATES: 2026-10-01, a list (2026-10-01,2026-10-08) or a range (2026-10-01..2026-10-07).
CALENDAR: cn (China's public holidays and make-up working days, from the State Council's schedule)
or a country code with its region if any (US, DE-BY: public holidays); YEAR: this year and the next
by default. The dates are copied into the settings; loading a year again reloads it.`,
      zh: `set 可设置的键：
  workweek                  营业的星期：mon-fri、mon-sat，或 1,2,3,4,5（0 = 周日）
  by                        未给出 --by 时的经办人
  deadline.KIND.SEVERITY    KIND 为 ${DEADLINE_KINDS.join('、')}；SEVERITY 为 ${SEVERITY.codes.join('、')}；
                            值如 5d（工作日）或 24h（小时）
  deadline.next-followup    满意回访后仍未结案时，下一次回访的期限
  department.CATEGORY       某类别的默认责任部门
  followups.CATEGORY        结案所需的满意回访次数
  notify.command            每条通知运行的 shell 命令，JSON 由标准输入传入（"" 表示取消）
  notify.on                 通知哪些事项：处理记录类型、overdue 和 due，以逗号分隔
  notify.phones             yes：通知中显示完整电话（默认 no：打码）
DATES：2026-10-01、列表（2026-10-01,2026-10-08）或范围（2026-10-01..2026-10-07）。
日历：cn（国务院公布的法定节假日和调休上班日）或国家代码，可加地区（US、DE-BY：法定节假日）；
年份默认为今年和明年。日期会复制到设置中；再次加载某年即重新加载。`,
    },
    examples: [
      { does: { en: 'Answer normal complaints within 3 working days:', zh: '一般投诉须在 3 个工作日内答复客户：' }, run: 'kesu config set deadline.answer.normal 3d' },
      { does: { en: "China's official holidays and make-up working days, this year and next:", zh: '加载今明两年的国家法定节假日和调休：' }, run: 'kesu config holidays cn' },
    ],
  },
  backup: {
    description: { en: 'a consistent copy of the database in FILE, made while other kesu commands write', zh: '把数据库完整一致地复制到 FILE，其他 kesu 命令写入时也可进行' },
    arguments: { file: { en: 'where the copy goes (written beside it, then renamed into place)', zh: '副本的位置（先写在旁边，完成后再改名到位）' } },
    examples: [{ does: { en: "Today's backup:", zh: '今天的备份：' }, run: 'kesu backup /srv/backup/kesu-2026-12-06.db' }],
  },
  check: {
    description: { en: 'check the file, and that rows and report facts agree with the events', zh: '检查数据库文件，以及各行数据和报表数据是否与处理记录一致' },
    options: { '--repair': { en: 'rebuild the rows, customer links and report facts from the events, then check again', zh: '根据处理记录重建各行数据、客户关联和报表数据，然后再次检查' } },
    examples: [
      { does: { en: 'Is everything sound?', zh: '检查一切是否正常：' }, run: 'kesu check' },
      { does: { en: 'Rebuild what derives from the events:', zh: '重建由处理记录得出的数据：' }, run: 'kesu check --repair' },
    ],
  },
  // commander's own, listed among the commands; it has no help page of its own to give examples in.
  help: { description: { en: 'display help for command', zh: '显示命令的帮助' }, examples: [] },
};

/** Options every command has, and commander's own. */
const SHARED_OPTIONS: Readonly<Record<string, OptionHelp>> = {
  '--help': { en: 'display help for command', zh: '显示命令的帮助' },
};

const TITLES: Readonly<Record<string, string>> = { 'Usage:': '用法：', 'Arguments:': '参数：', 'Options:': '选项：', 'Commands:': '命令：' };
const EXAMPLES: Sentence = { en: 'Examples:', zh: '示例：' };

function entryOf(command: Command): CommandHelp | undefined {
  // By name: commander makes its help command without a parent.
  return command.name() === 'kesu' ? PROGRAM : COMMAND_HELP[command.name()];
}

function optionWords(command: Command, option: Option, lang: Lang): string {
  const words = entryOf(command)?.options?.[option.long ?? ''] ?? SHARED_OPTIONS[option.long ?? ''];
  if (words === undefined) return option.description;
  const required = words.required === undefined ? '' : (words.required === true ? REQUIRED : words.required)[lang];
  return `${words[lang]}${lang === 'zh' || required === '' ? '' : ' '}${required}`;
}

/**
 * commander's help with kesu's words in `lang`: descriptions from the table above, the titles, the
 * required options marked, the examples at the end, and columns measured as a terminal draws them
 * (a Chinese character is two columns wide).
 */
export function helpFor(lang: Lang): HelpConfiguration {
  const zh = lang === 'zh';
  // Which command the help is of: commander asks for an option's words without saying.
  let shown: Command | null = null;
  return {
    formatHelp(command, helper) {
      shown = command;
      const entry = entryOf(command);
      const more = entry?.more === undefined ? '' : `${entry.more[lang]}\n\n`;
      const examples = entry === undefined || entry.examples.length === 0 ? '' : `${EXAMPLES[lang]}\n${entry.examples.map(({ does, run }) => `  ${does[lang]}\n    ${run}\n`).join('')}`;
      return `${Help.prototype.formatHelp.call(helper, command, helper)}\n${more}${examples}`;
    },
    commandDescription: (command) => entryOf(command)?.description[lang] ?? command.description(),
    subcommandDescription: (command) => entryOf(command)?.description[lang] ?? command.description(),
    // commander lists the arguments only when one has a description of its own; here the table has them.
    visibleArguments: (command) => (entryOf(command)?.arguments === undefined ? [] : [...command.registeredArguments]),
    argumentDescription: (argument) => (shown && entryOf(shown)?.arguments?.[argument.name()]?.[lang]) ?? argument.description,
    optionDescription: (option) => (shown ? optionWords(shown, option, lang) : option.description),
    styleTitle: (title) => (zh ? (TITLES[title] ?? title) : title),
    commandUsage: (command) => {
      const usage = [command.parent?.name(), command.name(), command.usage()].filter(Boolean).join(' ');
      return zh ? usage.replace('[options]', '[选项]').replace('[command]', '[命令]') : usage;
    },
    displayWidth,
    boxWrap: wrapped,
  };
}

/** Wide (East Asian) characters, where a line of Chinese may break. */
const WIDE = '\\u2e80-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef';
/** Punctuation that may not begin a line: it stays with what comes before it. */
const CLOSING = '，。；：、）」”！？';
/** A word or one wide character, with the spaces before it and the closing punctuation after it: what a line breaks between. */
const CHUNK = new RegExp(`\\s*(?:[^\\s${WIDE}]+|[${WIDE}])[${CLOSING}]*`, 'gu');

/** Text wrapped to `width` columns, between words, or anywhere between Chinese characters but before closing punctuation. */
function wrapped(text: string, width: number): string {
  // As commander: too narrow a column is not worth wrapping.
  if (width < 40) return text;
  const wrapLine = (line: string): string => {
    const lines: string[] = [];
    let current = '';
    for (const chunk of line.match(CHUNK) ?? []) {
      if (current !== '' && displayWidth(current + chunk) > width) {
        lines.push(current);
        current = chunk.trimStart();
      } else current += chunk;
    }
    return [...lines, current].join('\n');
  };
  return text.split('\n').map(wrapLine).join('\n');
}
