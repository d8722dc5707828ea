/**
 * The stats dashboard's strings and number formats, zh-CN first and English second. Pure.
 */
import { formatDays } from '../../utils/clock/wait';
import type { Platform } from '../../utils/consoles/types';
import type { RuleCategory } from '../../utils/rules/types';
import type { Language } from '../../utils/settings';

const zh = {
  title: '客服守卫 · 数据看板',
  today: '今日',
  last7: '近7天',
  last30: '近30天',
  rangeLabel: '统计范围',
  rate: '3分钟人工响应率',
  target: '目标 ≥ {p}',
  meets: '达标',
  misses: '未达标',
  noRounds: '暂无考核轮次',
  notAssessed: '近30天 {n} 轮：{platform}满 {from} 轮才考核',
  rounds: '考核轮次',
  inTime: '3分钟内回复',
  breaches: '超时',
  answeredLate: '超时回复 {n}',
  unanswered: '未回复 {n}',
  ungraded: '非考核时段 {n} 轮',
  avgFirst: '平均首响',
  avgResponse: '平均响应',
  longest: '最长等待',
  violations: '违规',
  violationPart: '{label} {n}',
  templatesUsed: '话术使用',
  templatesSub: '{n} 条不同话术',
  eventsToday: '今日记录事件',
  chartRate: '每日响应率',
  chartRateNote: '虚线：目标 {p}',
  chartWait: '响应时长分布',
  chartWaitNote: '已回复的考核轮次',
  chartHours: '分时段考核轮次',
  teamHours: '全队 · 分时段考核轮次',
  teamRules: '全队 · 常犯违规 Top 10',
  chartHoursNote: '绿：3 分钟内回复 · 红：超时',
  chartHoursPart: '含 {n} / {total} 轮（此前的记录未按时段细分）',
  hourTip: '{from}–{to}：{n} 轮，3 分钟内 {k}（{p}）',
  hourAxis: '开始时间（点）',
  hourMax: '{n} 轮',
  noHourCounts: '这段时间的轮次未按时段细分（新版本起按时段记录）',
  chartViolations: '违规分类',
  topTemplates: '常用话术 Top 10',
  byAgent: '按客服',
  team: '团队对比',
  teamHint: '导入各位客服从本页导出的 NDJSON 文件，并排比较。同一文件导入两次不会重复计数。',
  teamImport: '导入 NDJSON',
  teamClear: '清空团队数据',
  teamResult: '已导入 {files} 个文件，{rollups} 条日汇总',
  teamError: '无法导入「{file}」：{message}',
  teamEmpty: '尚未导入团队数据',
  byConsole: '按工作台',
  colName: '名称',
  colRounds: '轮次',
  colRate: '响应率',
  colAvg: '平均响应',
  colBreaches: '超时',
  colViolations: '违规',
  total: '全队合计',
  noAgent: '未设置客服名',
  blocked: '拦截未发',
  overridden: '坚持发送',
  warned: '提醒',
  none: '暂无',
  noViolations: '暂无违规记录',
  noTemplates: '暂无话术使用记录',
  topRules: '常犯违规 Top 10',
  topRulesPart: '按规则细分 {n} / {total} 次（此前的记录未按规则细分）',
  noRuleCounts: '这段时间的违规记录未按规则细分（新版本起按规则记录）',
  falseAlarms: '客服标记误报 {n} 次',
  falseAlarmsShort: '误报 {n}',
  falseAlarmsTitle: '另有 {n} 次提醒被客服标记为误报（不计入违规）',
  empty: '还没有统计数据。打开客服工作台后，客服守卫会自动记录响应时间（不记录聊天内容）。',
  loading: '正在读取统计…',
  dbError: '读取统计数据失败',
  writeQuota: '存储空间已满，最新的统计事件未能保存。',
  writeOther: '统计事件写入失败。',
  writeHint: '事件暂存在工作台页面中，空间释放后会自动补写。',
  exportTitle: '导出（当前范围）',
  exportSummary: '汇总 CSV',
  exportEvents: '明细 CSV',
  exportNdjson: 'NDJSON',
  exporting: '正在导出…',
  exportFailed: '导出失败',
  privacy: '聊天内容不会离开浏览器；统计只记录时间与匿名编号。',
  seconds: '秒',
} as const;

export type StatsKey = keyof typeof zh;

const en: Record<StatsKey, string> = {
  title: 'KefuGuard · Dashboard',
  today: 'Today',
  last7: '7 days',
  last30: '30 days',
  rangeLabel: 'Range',
  rate: '3-minute response rate',
  target: 'target ≥ {p}',
  meets: 'On target',
  misses: 'Below target',
  noRounds: 'No graded rounds yet',
  notAssessed: '{n} rounds in 30 days: {platform} assesses from {from}',
  rounds: 'Rounds',
  inTime: 'In time',
  breaches: 'Late',
  answeredLate: '{n} replied late',
  unanswered: '{n} no reply',
  ungraded: '{n} outside working hours',
  avgFirst: 'Avg first response',
  avgResponse: 'Avg response',
  longest: 'Longest wait',
  violations: 'Violations',
  violationPart: '{n} {label}',
  templatesUsed: 'Templates used',
  templatesSub: '{n} different',
  eventsToday: 'Events logged today',
  chartRate: 'Daily response rate',
  chartRateNote: 'dashed: target {p}',
  chartWait: 'Response times',
  chartWaitNote: 'answered graded rounds',
  chartHours: 'Rounds by hour of day',
  teamHours: 'Team · rounds by hour of day',
  teamRules: 'Team · top 10 rules broken',
  chartHoursNote: 'green: in time · red: late',
  chartHoursPart: '{n} of {total} rounds (earlier records are not by hour)',
  hourTip: '{from}–{to}: {n} rounds, {k} in time ({p})',
  hourAxis: 'hour started',
  hourMax: '{n} rounds',
  noHourCounts: 'These rounds were recorded before they were counted by hour',
  chartViolations: 'Violations by category',
  topTemplates: 'Top 10 templates',
  byAgent: 'By agent',
  team: 'Team',
  teamHint:
    'Import the NDJSON files your agents export from this page to compare them side by side. Importing a file twice counts nothing twice.',
  teamImport: 'Import NDJSON',
  teamClear: 'Clear team data',
  teamResult: 'Imported {files} file(s), {rollups} daily summaries',
  teamError: 'Could not import "{file}": {message}',
  teamEmpty: 'No team data imported yet',
  byConsole: 'By console',
  colName: 'Name',
  colRounds: 'Rounds',
  colRate: 'Rate',
  colAvg: 'Avg resp.',
  colBreaches: 'Late',
  colViolations: 'Viol.',
  total: 'Team total',
  noAgent: 'no agent name',
  blocked: 'stopped',
  overridden: 'sent anyway',
  warned: 'warned',
  none: 'none',
  noViolations: 'No violations recorded',
  noTemplates: 'No templates used yet',
  topRules: 'Top 10 rules broken',
  topRulesPart: '{n} of {total} split by rule (earlier records are not)',
  noRuleCounts: 'These violations were recorded before rules were counted one by one',
  falseAlarms: 'marked a false alarm {n}×',
  falseAlarmsShort: '{n} false',
  falseAlarmsTitle: '{n} more warnings marked a false alarm by the agent (not counted as violations)',
  empty: 'No stats yet. Open your chat console and KefuGuard records response times (never chat text).',
  loading: 'Reading the stats…',
  dbError: 'Could not read the stats',
  writeQuota: 'Storage is full: the latest stats events could not be saved.',
  writeOther: 'Stats events could not be saved.',
  writeHint: 'The console pages keep them and will save them once there is room.',
  exportTitle: 'Export (this range)',
  exportSummary: 'Summary CSV',
  exportEvents: 'Events CSV',
  exportNdjson: 'NDJSON',
  exporting: 'Exporting…',
  exportFailed: 'Export failed',
  privacy: 'Chat text never leaves the browser; stats keep only times and pseudonymous ids.',
  seconds: 's',
};

const tables: Record<Language, Record<StatsKey, string>> = { 'zh-CN': zh, en };

/** A string, with `{name}` placeholders filled in. */
export function s(lang: Language, key: StatsKey, vars: Record<string, string | number> = {}): string {
  return tables[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

export const CATEGORY_LABELS: Record<Language, Record<RuleCategory, string>> = {
  'zh-CN': {
    'off-platform': '引导站外交易',
    'review-manipulation': '诱导好评/刷单',
    'consumer-rights': '拒绝消费者权益',
    attitude: '服务态度',
    'ad-absolute': '广告法极限词',
    medical: '医疗功效宣称',
    'false-guarantee': '虚假承诺',
  },
  en: {
    'off-platform': 'Off-platform contact',
    'review-manipulation': 'Review manipulation',
    'consumer-rights': 'Refusing consumer rights',
    attitude: 'Attitude',
    'ad-absolute': 'Absolute ad terms',
    medical: 'Medical claims',
    'false-guarantee': 'False guarantees',
  },
};

export const PLATFORM_LABELS: Record<Language, Record<Platform, string>> = {
  'zh-CN': {
    taobao: '淘宝/天猫',
    pinduoduo: '拼多多',
    douyin: '抖音',
    kuaishou: '快手',
    jd: '京东',
    other: '其他',
  },
  en: {
    taobao: 'Taobao/Tmall',
    pinduoduo: 'Pinduoduo',
    douyin: 'Douyin',
    kuaishou: 'Kuaishou',
    jd: 'JD',
    other: 'Other',
  },
};

/**
 * `1分05秒`, `45秒`, `2小时03分`, `4天2小时` / `1m 05s`, `45s`, `2h 03m`, `4d 2h`; `—` for nothing.
 * From a day up, days and hours (as the countdowns read): minutes of a wait that long tell nothing.
 */
export function formatDuration(ms: number | null, lang: Language): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const total = Math.max(0, Math.round(ms / 1000));
  if (total >= 86_400) return formatDays(total, lang);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (lang === 'en') {
    if (h > 0) return `${h}h ${two(m)}m`;
    if (m > 0) return `${m}m ${two(sec)}s`;
    return `${sec}s`;
  }
  if (h > 0) return `${h}小时${two(m)}分`;
  if (m > 0) return `${m}分${two(sec)}秒`;
  return `${sec}秒`;
}

/** `86.4%`, `60.0%`, `100%`; `—` for nothing. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  const p = Math.round(ratio * 1000) / 10;
  return `${p === 0 || p === 100 ? p.toFixed(0) : p.toFixed(1)}%`;
}

export function formatCount(n: number, lang: Language): string {
  return n.toLocaleString(lang);
}

/** `11月17日` / `Nov 17` of a YYYY-MM-DD day. */
export function formatDay(day: string, lang: Language): string {
  const [, m, d] = day.split('-').map(Number);
  if (lang === 'en') {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    return `${months[(m ?? 1) - 1] ?? ''} ${d}`;
  }
  return `${m}月${d}日`;
}

/** Short axis label of a day: `17` (the month's day), `11/1` on the first. */
export function formatAxisDay(day: string): string {
  const [, m, d] = day.split('-').map(Number);
  return d === 1 ? `${m}/${d}` : String(d);
}
