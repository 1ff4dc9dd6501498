// The benchmark's data, generated here and never committed: a store of complaints built through
// kesu's own store code (events from `decide`, written with SqliteStore.beginBulk in batches), and
// a CSV of typed-up paper forms in the spec's import format with Chinese headers and text.
//
// Every complaint is a pure function of its index (a seeded generator per complaint), so the small
// store can hold exactly the recent history and the not-yet-closed complaints of the large one:
// the same shop with a short history. Then list, due and show print the same rows in both, and a
// ratio between them measures the size of the store and nothing else.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/** Bump when the generated data or the store's schema changes, so that cached stores are built again. */
export const GENERATOR_VERSION = 17;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const OFFSET = '+08:00';
const YEARS = 10;

// A seeded generator per complaint: mulberry32 over a hash of the index.
function rngFor(index, salt = 0x9e3779b9) {
  let a = Math.imul(index ^ salt, 0x85ebca6b) ^ 0x1b873593;
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rng, list) => list[Math.floor(rng() * list.length)];
const weighted = (rng, pairs) => {
  let r = rng() * pairs.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of pairs) {
    r -= w;
    if (r < 0) return value;
  }
  return pairs.at(-1)[0];
};

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** An instant as an ISO time in the shop's offset (+08:00), to the minute. */
export function isoAt(ms) {
  const d = new Date(Math.floor(ms / 60_000) * 60_000 + 8 * HOUR);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00${OFFSET}`;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国志强淑珍海燕欣怡子涵浩然梓萱雨轩宇航思远嘉怡晨曦俊杰佳琪'.split('');
const STAFF = ['李娜', '王强', '张伟', '刘洋', '陈静', '店长', '前台小周', '客服小吴'];
const ASSIGNEES = ['赵敏', '孙磊', '周杰', '吴芳', '郑军', '品控部老黄', '仓库老马', '物流小林'];
const PRODUCTS = ['电饭煲', '空气炸锅', '羽绒服', '运动鞋', '保温杯', '蓝牙耳机', '床上四件套', '儿童玩具', '面包机', '吸尘器', '台灯', '行李箱', '牛奶', '月饼礼盒', '茶叶', '洗衣液'];
const PROBLEMS = {
  quality: ['用了两天就坏了，开关失灵', '收到时外壳有裂纹，里面有异响', '洗了一次就严重掉色，还起球', '有异味，怀疑是旧货翻新', '保质期内出现漏水，无法使用'],
  service: ['店员态度很差，问了三次都不理人', '排队四十分钟，收银员还在聊天', '导购强行推销，不买就冷嘲热讽', '电话打了五次都没人接'],
  delivery: ['说好三天送到，等了十天还没到', '快递员没打电话就放在门口，被人拿走了', '送货时把箱子摔坏了，东西也碎了', '约好上午送货，结果晚上九点才来'],
  'wrong-item': ['订的是黑色，收到的是白色', '少发了一件，发票上却有', '数量不对，订了六瓶只到了四瓶', '尺码发错了，要的是L码收到的是S码'],
  'after-sales': ['报修一周了还没人上门', '维修后同样的问题又出现了', '退货申请被拒绝，理由说不清楚', '保修卡丢了就不给修，不合理'],
  billing: ['会员价没有生效，多收了钱', '同一笔订单扣了两次款', '标价和结账价格不一样', '优惠券不能用，客服说系统问题'],
  facility: ['店里地面太滑，老人差点摔倒', '停车场没有灯，晚上很不安全', '试衣间门锁坏了', '空调不制冷，店里太热'],
  other: ['会员积分莫名被清零', '发票开错了抬头，要求重开', '广告宣传与实际不符'],
};
const REQUESTS = ['退货退款', '换一件新的', '赔偿损失并道歉', '尽快上门维修', '补发缺少的商品', '退还多收的钱', '希望改进服务', '给个说法'];
const SOLUTIONS = ['已为顾客办理退款', '已更换新品并致歉', '上门维修完毕，顾客确认正常', '补发商品已签收', '退还差价并赠送代金券', '对相关员工进行了批评教育，向顾客道歉'];
const ROOT_CAUSES = ['供应商批次质量问题', '仓库拣货出错', '员工培训不足', '物流外包商延误', '系统价格未同步', '包装不牢固', '顾客使用不当'];
const ACTIONS = ['加强来货抽检', '拣货后双人复核', '每月服务培训', '更换物流外包商', '价格变更当日核对', '改用加厚包装'];
const CHANNEL_WEIGHTS = [['in-person', 35], ['phone', 30], ['chat', 15], ['email', 5], ['letter', 5], ['social', 7], ['third-party', 3]];
const CATEGORY_WEIGHTS = [['quality', 30], ['service', 18], ['delivery', 15], ['wrong-item', 10], ['after-sales', 12], ['billing', 8], ['facility', 4], ['other', 3]];
const SEVERITY_WEIGHTS = [['normal', 88], ['urgent', 9], ['major', 3]];

/** A customer name: surnames × given names, a few common enough to be repeat customers. */
function customerName(rng) {
  const given = rng() < 0.5 ? pick(rng, GIVEN) : pick(rng, GIVEN) + pick(rng, GIVEN);
  return pick(rng, SURNAMES) + given;
}

function phoneNumber(rng) {
  return `1${pick(rng, ['3', '5', '7', '8', '9'])}${String(Math.floor(rng() * 1e9)).padStart(9, '0')}`;
}

/**
 * The shape of the store: `count` complaints over ten years up to `anchorMs`. The open set has
 * the same size at any count: about 150 recent complaints not yet closed (fewer the older they
 * are) and about 40 stragglers, long overdue, anywhere in the ten years.
 */
export function storePlan(count, anchorMs) {
  const startMs = anchorMs - YEARS * 365.25 * DAY;
  const perDay = count / (YEARS * 365.25);
  return { count, anchorMs, startMs, span: anchorMs - startMs, recentScale: Math.min(0.9, 150 / (3 * perDay)), stragglerShare: 40 / count };
}

/** When complaint `index` was received and whether it is still open: cheap, without its events. */
export function fateOf(plan, index) {
  const rng = rngFor(index);
  const receivedMs = plan.startMs + ((index + rng()) / plan.count) * plan.span;
  const ageDays = (plan.anchorMs - receivedMs) / DAY;
  const straggler = rng() < plan.stragglerShare;
  const recentOpen = rng() < plan.recentScale * Math.exp(-ageDays / 3);
  return { rng, receivedMs, open: straggler || recentOpen };
}

/** The commands of complaint `index`, in order, each a command for `decide`. */
function commandsOf(plan, index) {
  const { rng, receivedMs, open } = fateOf(plan, index);
  const category = weighted(rng, CATEGORY_WEIGHTS);
  const severity = weighted(rng, SEVERITY_WEIGHTS);
  const product = pick(rng, PRODUCTS);
  // Drawn and not used: the stores generated before keep their sequence of random numbers.
  const _by = pick(rng, STAFF);
  const assignee = pick(rng, ASSIGNEES);
  const ref = rng() < 0.6 ? `KS${pad(index + 1, 8)}` : null;
  const commands = [
    {
      type: 'open',
      uuid: null, // filled in by the caller
      ref,
      customer: customerName(rng),
      phone: rng() < 0.85 ? phoneNumber(rng) : null,
      channel: weighted(rng, CHANNEL_WEIGHTS),
      category,
      severity,
      // Without a form number a complaint is known by its day, customer and words: the receipt
      // number keeps two complaints of a day from being taken for one form imported twice.
      description: `${product}${pick(rng, PROBLEMS[category])}。${ref === null ? `小票号 XP${pad(index + 1, 8)}。` : ''}`,
      request: rng() < 0.8 ? pick(rng, REQUESTS) : null,
      order: rng() < 0.5 ? `DD${Math.floor(rng() * 1e10)}` : null,
    },
  ];
  const resolve = (extra = {}) => ({
    type: 'resolve',
    unfounded: false,
    solution: pick(rng, SOLUTIONS),
    finding: null,
    compensation: rng() < 0.3 ? { kind: pick(rng, ['refund', 'voucher', 'replacement', 'gift']), cents: Math.floor(rng() * 50_000) + 500 } : null,
    rootCause: rng() < 0.7 ? pick(rng, ROOT_CAUSES) : null,
    correctiveAction: rng() < 0.5 ? pick(rng, ACTIONS) : null,
    note: null,
    ...extra,
  });
  const followup = (satisfaction) => ({ type: 'followup', satisfaction, method: pick(rng, ['phone', 'phone', 'message', 'visit']), note: null });
  const satisfied = () => (rng() < 0.6 ? 5 : 4);
  const closing = () => {
    const steps = [followup(satisfied())];
    if (category === 'quality') steps.push(followup(satisfied()));
    return steps;
  };
  const assign = { type: 'assign', assignee, department: null, note: null };
  // A wait on the customer or a supplier, ended by the next step (the resolve) when there is one.
  const wait = () => ({ type: 'wait', on: pick(rng, ['customer', 'customer', 'supplier']), note: '等顾客补充照片' });

  if (open) {
    const stage = weighted(rng, [['open', 35], ['assigned', 35], ['resolved', 30]]);
    if (stage === 'open') return { receivedMs, commands, steps: [] };
    if (stage === 'assigned') return { receivedMs, commands, steps: rng() < 0.15 ? [assign, wait()] : [assign] };
    return { receivedMs, commands, steps: [assign, resolve()] };
  }
  const path = weighted(rng, [['satisfied', 58], ['counter', 18], ['reopened', 7], ['unfounded', 8], ['withdrawn', 5], ['logged', 4]]);
  switch (path) {
    case 'satisfied':
      return { receivedMs, commands, steps: [assign, ...(rng() < 0.1 ? [wait()] : []), resolve(), ...closing()] };
    case 'counter': // solved at the counter: no one assigned
      return { receivedMs, commands, steps: [resolve(), ...closing()] };
    case 'reopened':
      return { receivedMs, commands, steps: [assign, resolve(), followup(Math.floor(rng() * 3) + 1), resolve(), ...closing()] };
    case 'unfounded':
      return {
        receivedMs,
        commands,
        steps: [
          { type: 'log', text: '调查：商品无质量问题，属使用不当', kind: 'finding', substantiated: false, responsibility: 'customer', rootCause: null },
          resolve({ unfounded: true, solution: null, finding: '经检测商品符合标准，已向顾客说明', compensation: null }),
        ],
      };
    case 'withdrawn':
      return { receivedMs, commands, steps: [{ type: 'close', reason: 'withdrawn', note: '顾客撤回投诉' }] };
    case 'logged':
      return {
        receivedMs,
        commands,
        steps: [{ type: 'log', text: '已电话联系顾客，约定处理方案', kind: 'call', substantiated: true, responsibility: 'store', rootCause: null }, assign, resolve(), ...closing()],
      };
  }
}

/**
 * The events of complaint `index`: each step a while after the one before (an hour to a few
 * days), squeezed to fit before the anchor when the complaint is recent.
 */
export function eventsOf(plan, index, { decide, apply, settings, zone, uuid }) {
  const { receivedMs, commands, steps } = commandsOf(plan, index);
  const rng = rngFor(index, 0x51ed270b);
  const gaps = steps.map(() => HOUR + rng() * 3 * DAY);
  const total = gaps.reduce((sum, gap) => sum + gap, 0);
  const room = plan.anchorMs - 60_000 - receivedMs;
  const scale = total > room ? Math.max(0, room) / total : 1;
  const now = isoAt(plan.anchorMs);
  const context = { now, settings, zone };
  const by = pick(rng, STAFF);
  let atMs = receivedMs;
  let complaint = null;
  const events = [];
  const run = (command) => {
    for (const event of decide(complaint, { ...command, at: isoAt(atMs), by }, context)) {
      complaint = apply(complaint, event);
      events.push(event);
    }
  };
  run({ ...commands[0], uuid: uuid() });
  steps.forEach((step, i) => {
    atMs += gaps[i] * scale;
    run(step);
  });
  return events;
}

/** The indexes the small store holds: the last `recent` complaints and every one still open. */
export function smallStoreIndexes(plan, recent) {
  const indexes = [];
  for (let i = 0; i < plan.count; i++) {
    if (i >= plan.count - recent || fateOf(plan, i).open) indexes.push(i);
  }
  return indexes;
}

/**
 * Writes a store of the given complaints through kesu's store: SqliteStore.beginBulk takes
 * batches of complaints packed from the events `decide` gives (as an import's are), one commit
 * per chunk so the write-ahead log stays small. Worker threads run `decide` and pack the batches
 * ahead while this thread writes, in index order.
 */
export async function buildStore({ dist, path, plan, indexes, workers = 2, onProgress }) {
  const { openDatabase } = await import(`${dist}/store/sqlite/db.js`);
  const { SqliteStore } = await import(`${dist}/store/sqlite/store.js`);
  for (const suffix of ['', '-wal', '-shm']) await rm(`${path}${suffix}`, { force: true });
  const db = openDatabase(path);
  const store = new SqliteStore(db);
  const CHUNK = 50_000;
  const BATCH = 1_000;
  const AHEAD = 3;
  const batches = Math.ceil(indexes.length / BATCH);
  const shared = Int32Array.from(indexes);
  const pool = Array.from({ length: workers }, () => new Worker(new URL('./generate-worker.js', import.meta.url), { workerData: { dist, plan, indexes: shared } }));
  const waiting = new Map();
  const results = new Map();
  for (const worker of pool) {
    worker.on('message', ({ batch, forms, error }) => {
      const settle = waiting.get(batch);
      if (settle) {
        waiting.delete(batch);
        settle(error ? Promise.reject(new Error(error)) : forms);
      } else results.set(batch, error ? Promise.reject(new Error(error)) : forms);
    });
    worker.on('error', (error) => {
      for (const settle of waiting.values()) settle(Promise.reject(error));
    });
  }
  const request = (batch) => {
    if (batch >= batches) return;
    pool[batch % workers].postMessage({ batch, from: batch * BATCH, to: Math.min(indexes.length, (batch + 1) * BATCH) });
  };
  const receive = (batch) => {
    if (results.has(batch)) {
      const forms = results.get(batch);
      results.delete(batch);
      return Promise.resolve(forms);
    }
    return new Promise((resolve) => waiting.set(batch, resolve));
  };
  for (let batch = 0; batch < workers * AHEAD; batch++) request(batch);
  let done = 0;
  let events = 0;
  try {
    let bulk = null;
    for (let batch = 0; batch < batches; batch++) {
      const forms = await receive(batch);
      request(batch + workers * AHEAD);
      // 1 GB of page cache while building: the form key index of a million forms takes rows at random.
      bulk ??= store.beginBulk({ cacheKib: 1_000_000 });
      try {
        const outcome = bulk.addPacked(forms.pack);
        if (outcome.alreadyPresent.length || outcome.refClashes.length) {
          throw new Error(`generated forms counted as already present (${outcome.alreadyPresent.length}) or with a number taken (${outcome.refClashes.length})`);
        }
      } catch (error) {
        bulk.rollback();
        throw error;
      }
      done += forms.pack.count;
      events += forms.events;
      if (done % CHUNK === 0 || batch === batches - 1) {
        bulk.commit();
        bulk = null;
        onProgress?.(done, indexes.length);
      }
    }
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  return { complaints: done, events };
}

/** One batch of complaints as their events: what a generating worker does. */
export async function makeBatchMaker(dist, plan, indexes) {
  const { decide } = await import(`${dist}/workflow/transitions.js`);
  const { apply, fold } = await import(`${dist}/workflow/complaint.js`);
  const { packForms } = await import(`${dist}/store/bulk.js`);
  const { DEFAULT_SETTINGS } = await import(`${dist}/workflow/settings.js`);
  const { fixedZone } = await import(`${dist}/workflow/time.js`);
  const { randomUUID } = await import('node:crypto');
  // The shop of the benchmark keeps China's clock, whatever the machine's zone.
  const deps = { decide, apply, settings: DEFAULT_SETTINGS, zone: fixedZone(OFFSET), uuid: randomUUID };
  // Packed as the import packs its forms (bulk.ts packForms), for SqliteStore.beginBulk().addPacked.
  return (from, to) => {
    const forms = [];
    let events = 0;
    for (let k = from; k < to; k++) {
      const list = eventsOf(plan, indexes[k], deps);
      forms.push({ complaint: fold(0, list), events: list, row: k + 2, cells: null });
      events += list.length;
    }
    return { pack: packForms(forms), events };
  };
}

const CSV_HEADERS = ['编号', '投诉日期', '受理人', '客户姓名', '联系电话', '投诉方式', '投诉类别', '严重程度', '投诉内容', '客户要求', '订单号', '责任人', '处理结果', '处理日期', '赔付金额', '赔付方式', '回访日期', '满意度'];
const ZH_CHANNEL = { 'in-person': '现场', phone: '电话', chat: '微信', email: '邮件', letter: '意见单', social: '网络', 'third-party': '消协' };
const ZH_CATEGORY = { quality: '质量', service: '服务态度', delivery: '配送', 'wrong-item': '错发', 'after-sales': '售后', billing: '价格', facility: '环境', other: '其他' };
const ZH_SEVERITY = { normal: '一般', urgent: '紧急', major: '重大' };
const ZH_KIND = { refund: '退款', voucher: '代金券', replacement: '换货', gift: '赠品' };

function csvCell(text) {
  if (text === null || text === undefined) return '';
  const value = String(text);
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A date the way people type it on a form, in one of the spec's forms. */
function formDate(ms, rng, withTime) {
  const d = new Date(ms + 8 * HOUR);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const time = withTime ? ` ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : '';
  const form = Math.floor(rng() * 4);
  if (form === 0) return `${y}年${m}月${day}日${time}`;
  if (form === 1) return `${y}-${pad(m)}-${pad(day)}${time}`;
  if (form === 2) return `${y}/${m}/${day}${time}`;
  return `${y}.${pad(m)}.${pad(day)}${time}`;
}

/**
 * `rows` typed-up paper forms over the year before `anchorMs`, UTF-8 with a BOM and CRLF as Excel
 * saves "CSV UTF-8": Chinese headers, dates in the spec's forms, quoted descriptions with commas;
 * about half carry the solution and a third the follow-up as well. Every row is valid.
 */
export async function writeFormsCsv(path, rows, anchorMs, salt = 0x2545f491) {
  const out = createWriteStream(path);
  const write = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`\ufeff${CSV_HEADERS.join(',')}\r\n`);
  const startMs = anchorMs - 365 * DAY;
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const rng = rngFor(i, salt);
    const receivedMs = startMs + ((i + rng()) / rows) * (365 * DAY - 30 * DAY);
    const category = weighted(rng, CATEGORY_WEIGHTS);
    const product = pick(rng, PRODUCTS);
    const withTime = rng() < 0.5;
    const resolved = rng() < 0.5;
    const followed = resolved && rng() < 0.6;
    const resolvedMs = receivedMs + DAY + rng() * 5 * DAY;
    const followMs = resolvedMs + DAY + rng() * 5 * DAY;
    const compensation = resolved && rng() < 0.3 ? { kind: pick(rng, Object.keys(ZH_KIND)), amount: (Math.floor(rng() * 50_000) / 100 + 5).toFixed(2) } : null;
    const cells = [
      `ZB${new Date(receivedMs).getUTCFullYear()}-${pad(i + 1, 7)}`,
      formDate(receivedMs, rng, withTime),
      pick(rng, STAFF),
      customerName(rng),
      rng() < 0.9 ? phoneNumber(rng) : '',
      ZH_CHANNEL[weighted(rng, CHANNEL_WEIGHTS)],
      ZH_CATEGORY[category],
      ZH_SEVERITY[weighted(rng, SEVERITY_WEIGHTS)],
      `${product}${pick(rng, PROBLEMS[category])}，请尽快处理。`,
      rng() < 0.8 ? pick(rng, REQUESTS) : '',
      rng() < 0.5 ? `DD${Math.floor(rng() * 1e10)}` : '',
      resolved ? pick(rng, ASSIGNEES) : '',
      resolved ? pick(rng, SOLUTIONS) : '',
      resolved ? formDate(resolvedMs, rng, false) : '',
      compensation ? compensation.amount : '',
      compensation ? ZH_KIND[compensation.kind] : '',
      followed ? formDate(followMs, rng, false) : '',
      followed ? String(rng() < 0.9 ? 5 : 4) : '',
    ];
    chunk += `${cells.map(csvCell).join(',')}\r\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
}
