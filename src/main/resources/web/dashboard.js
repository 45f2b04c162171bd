// The Liuke dashboard: one page, data from /api with the admin token (kept for this tab only).
// Every value from the server is put in the page as text, never as HTML.
'use strict';

const WORDS = {
  zh: {
    title: '客户维护看板', overview: '总览', webChat: '网页聊天', logout: '退出', language: 'English',
    loginTitle: '登录看板', loginHint: '请输入管理员令牌（配置里的 server.adminToken）。', login: '登录',
    badToken: '令牌不对，请检查后再试。', apiOff: '服务器没有设置管理员令牌（server.adminToken），看板无法使用。',
    failed: '加载失败，请稍后刷新重试。', asOf: '数据截至 {0}，本月 {1} 至 {2}',
    sales: '本月销售', purchases: '消费记录', registrationRate: '登记率', repurchaseRate: '复购率', newCustomers: '本月新登记',
    csat: '满意度（1-5）', nps: 'NPS', customers: '顾客总数', reactivationRate: '沉睡唤醒率', followUps: '本月回访',
    tierByStage: '等级 × 阶段', lifecycle: '生命周期变化（近 90 天）', satisfaction: '满意度与 NPS 趋势（近 12 个月）',
    funnel: '活动漏斗（近 90 天）', repurchaseByGroup: '各组复购率（本月）', findCustomer: '查找顾客', find: '查找',
    todo: '全店待办', customer: '顾客', owner: '负责人', reasons: '原因', nobody: '未分配', noTodo: '🎉 没有待办',
    whyTier: '为什么是这个等级', history: '等级与阶段变化', followUps2: '回访', surveys: '问卷回答', lowScore: '低分', noSuchCustomer: '没有这位顾客（可能编号不对或已合并）。',
    tier: '等级', stage: '阶段', points: '积分', phone: '电话', queued: '计划', skipped: '被规则跳过', delivered: '送达', redeemed: '用券', bought: '回店消费', noData: '暂无数据',
    escalated: '⚠️已上报', none: '无',
    stages: { potential: '潜在', new: '新客', repeat: '复购', loyal: '忠诚', dormant: '沉睡', churned: '流失' },
    reason: {
      LOW_SCORE: '差评待处理（{days} 天）', LOST_CONTACT: '企业微信里删除了员工（{days} 天）', NEVER_FOLLOWED: '从未回访（建档 {days} 天）', NOT_FOLLOWED: '{days} 天未回访',
      USED_UP: '{detail}差不多用完了（{days} 天前买的）', BIRTHDAY: '🎂 {detail} 生日', DORMANT: '沉睡 {days} 天，还没唤醒',
      NOT_BOUGHT_AGAIN: '{days} 天未复购', NEVER_BOUGHT: '登记 {days} 天还没消费'
    },
    campaigns: { thanks: '消费感谢', 'follow-up': '售后回访', birthday: '生日祝福', holidays: '节日问候', downgrade: '降级提醒',
      'used-up': '用完提醒', reactivation: '沉睡唤醒', broadcast: '群发' }
  },
  en: {
    title: 'Customer care dashboard', overview: 'Overview', webChat: 'Web chat', logout: 'Log out', language: '中文',
    loginTitle: 'Sign in', loginHint: 'Enter the admin token (server.adminToken in the config).', login: 'Sign in',
    badToken: 'That token is not right. Please check it and try again.', apiOff: 'The server has no admin token (server.adminToken), so the dashboard is off.',
    failed: 'Loading failed; please refresh in a moment.', asOf: 'As of {0}; this month {1} to {2}',
    sales: 'Sales this month', purchases: 'Purchases', registrationRate: 'Registration rate', repurchaseRate: 'Repurchase rate',
    newCustomers: 'New customers', csat: 'CSAT (1-5)', nps: 'NPS', customers: 'Customers', reactivationRate: 'Reactivation rate',
    followUps: 'Follow-ups this month', tierByStage: 'Tier × stage', lifecycle: 'Lifecycle over the last 90 days',
    satisfaction: 'CSAT and NPS over 12 months', funnel: 'Campaign funnel (90 days)', repurchaseByGroup: 'Repurchase rate by group (this month)',
    findCustomer: 'Find a customer', find: 'Find', todo: 'To-do for the shop', customer: 'Customer', owner: 'Owner',
    reasons: 'Why', nobody: 'nobody', noTodo: '🎉 Nothing to do', whyTier: 'Why this tier', history: 'Tier and stage changes',
    followUps2: 'Follow-ups', surveys: 'Survey answers', lowScore: 'low score', noSuchCustomer: 'There is no such customer (a wrong number, or merged into another).', tier: 'Tier', stage: 'Stage', points: 'Points', phone: 'Phone',
    queued: 'planned', skipped: 'skipped by the rules',
    delivered: 'delivered', redeemed: 'redeemed', bought: 'bought', noData: 'No data yet', escalated: '⚠️ escalated', none: 'none',
    stages: { potential: 'potential', new: 'new', repeat: 'repeat', loyal: 'loyal', dormant: 'dormant', churned: 'churned' },
    reason: {
      LOW_SCORE: 'low score to answer ({days} days)', LOST_CONTACT: 'deleted their staff member on WeCom ({days} days)', NEVER_FOLLOWED: 'never followed up (on file {days} days)',
      NOT_FOLLOWED: 'not followed up for {days} days', USED_UP: '{detail} probably used up (bought {days} days ago)',
      BIRTHDAY: '🎂 birthday {detail}', DORMANT: 'dormant for {days} days, not reactivated', NOT_BOUGHT_AGAIN: 'no purchase for {days} days',
      NEVER_BOUGHT: 'on file {days} days, never bought'
    },
    campaigns: { thanks: 'thank-you', 'follow-up': 'after-sales', birthday: 'birthday', holidays: 'holidays', downgrade: 'downgrade',
      'used-up': 'used-up', reactivation: 'reactivation', broadcast: 'broadcast' }
  }
};
const STAGES = ['potential', 'new', 'repeat', 'loyal', 'dormant', 'churned'];
const COLORS = ['#8b1e2d', '#d9822b', '#3f7f5f', '#2b6cb0', '#7a7a7a', '#b7a57a'];
// The shop's language (the page's lang, set by the server from `locale`) until the user switches.
let lang = localStorage.getItem('liuke.lang') || (document.documentElement.lang.startsWith('zh') ? 'zh' : 'en');
let token = sessionStorage.getItem('liuke.token') || '';
const charts = {};

const $ = (id) => document.getElementById(id);
const t = (key, ...args) => String(WORDS[lang][key] ?? key).replace(/\{(\d)\}/g, (_, i) => args[i] ?? '');
const percent = (rate) => rate == null ? '-' : (rate * 100).toFixed(1) + '%';
const when = (text) => text ? String(text).replace('T', ' ').slice(0, 16) : '';
const money = (cents) => '¥' + (cents / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text != null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function isoDay(date) {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

class Refused extends Error {}
class Missing extends Error {}

async function api(path) {
  const response = await fetch(path, { headers: { Authorization: 'Bearer ' + token } });
  if (response.status === 401 || response.status === 403) {
    throw new Refused(response.status === 403 ? 'apiOff' : 'badToken');
  }
  if (response.status === 404) throw new Missing(path);
  if (!response.ok) throw new Error(path + ': ' + response.status);
  return response.json();
}

function translate() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  $('language').textContent = t('language');
}

function show(id) {
  ['login', 'overview', 'customer'].forEach((name) => { $(name).hidden = name !== id; });
  if (id === 'none') { $('customer-name').textContent = ''; }
  $('logout').hidden = id === 'login';
}

function card(parent, label, value, id) {
  const box = el('div', null, 'card');
  if (id) box.id = id;
  box.append(el('div', label, 'label'), el('div', value, 'value'));
  parent.append(box);
}

function chart(id, config) {
  if (charts[id]) charts[id].destroy();
  config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options || {});
  charts[id] = new Chart($(id), config);
}

async function overview() {
  const summary = await api('/api/reports/summary');
  const today = new Date(summary.asOf + 'T12:00:00');                // the shop's date, not this computer's
  const past = (days) => isoDay(new Date(today.getTime() - days * 86400000)) + '&to=' + summary.asOf;
  const [trends, satisfaction, campaigns, groups, todo] = await Promise.all([
    api('/api/reports/trends?from=' + past(90)),
    api('/api/reports/trends?from=' + past(365)),
    api('/api/reports/campaigns?from=' + past(90)),
    api('/api/reports/sales?by=group'),
    api('/api/todo')
  ]);
  show('overview');
  $('as-of').textContent = t('asOf', summary.asOf, summary.from, summary.to);
  const cards = $('cards');
  cards.replaceChildren();
  card(cards, t('sales'), money(summary.sales.salesCents), 'card-sales');
  card(cards, t('purchases'), summary.sales.purchases);
  card(cards, t('registrationRate'), percent(summary.sales.registrationRate), 'card-registration');
  card(cards, t('repurchaseRate'), percent(summary.sales.repurchaseRate));
  card(cards, t('newCustomers'), summary.newCustomers);
  card(cards, t('followUps'), summary.followUps);
  card(cards, t('csat'), summary.csat ?? '-');
  card(cards, t('nps'), summary.nps ?? '-');
  card(cards, t('customers'), summary.customers, 'card-customers');
  card(cards, t('reactivationRate'), percent(campaigns.reactivation.rate));

  chart('chart-tiers', { type: 'bar', data: {
    labels: STAGES.map((s) => WORDS[lang].stages[s]),
    datasets: ['A', 'B', 'C'].map((tier, i) => ({ label: tier, backgroundColor: COLORS[i],
      data: STAGES.map((s) => summary.tierByStage[tier][s]) })) },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } });
  chart('chart-flow', { type: 'line', data: {
    labels: trends.distribution.map((d) => d.day),
    datasets: STAGES.map((s, i) => ({ label: WORDS[lang].stages[s], borderColor: COLORS[i], backgroundColor: COLORS[i] + '55',
      fill: true, pointRadius: trends.distribution.length > 30 ? 0 : 3, data: trends.distribution.map((d) => d.stages[s]) })) },
    options: { scales: { y: { stacked: true, beginAtZero: true } } } });
  chart('chart-satisfaction', { type: 'line', data: {
    labels: satisfaction.satisfaction.map((m) => m.month),
    datasets: [
      { label: 'CSAT', yAxisID: 'csat', borderColor: COLORS[0], data: satisfaction.satisfaction.map((m) => m.csat) },
      { label: 'NPS', yAxisID: 'nps', borderColor: COLORS[3], data: satisfaction.satisfaction.map((m) => m.nps) }] },
    options: { scales: { csat: { position: 'left', min: 1, max: 5 }, nps: { position: 'right', min: -100, max: 100 } } } });
  chart('chart-funnel', { type: 'bar', data: {
    labels: campaigns.funnels.map((f) => WORDS[lang].campaigns[f.campaign] || f.campaign),
    datasets: [['queued', 'queued'], ['skipped', 'skipped'], ['delivered', 'delivered'], ['redeemed', 'redeemed'], ['purchased', 'bought']]
      .map(([field, word], i) => ({ label: t(word), backgroundColor: COLORS[i], data: campaigns.funnels.map((f) => f[field]) })) },
    options: { scales: { y: { beginAtZero: true } } } });
  chart('chart-repurchase', { type: 'bar', data: {
    labels: groups.rows.map((r) => r.key || t('nobody')),
    datasets: [{ label: t('repurchaseRate'), backgroundColor: COLORS[2],
      data: groups.rows.map((r) => r.repurchaseRate == null ? 0 : Math.round(r.repurchaseRate * 1000) / 10) }] },
    options: { scales: { y: { beginAtZero: true, max: 100, ticks: { callback: (v) => v + '%' } } } } });
  todoTable(todo);
}

function reasonText(reason) {
  return String(WORDS[lang].reason[reason.kind] || reason.kind).replace('{days}', reason.days).replace('{detail}', reason.detail || '');
}

function customerLink(id, name) {
  const link = el('a', '#' + id + ' ' + name);
  link.href = '#customer/' + id;
  return link;
}

function todoTable(todo) {
  $('todo-count').textContent = '(' + todo.count + ')';
  const body = $('todo').tBodies[0];
  body.replaceChildren();
  if (todo.items.length === 0) {
    const row = body.insertRow();
    row.append(el('td', t('noTodo')));
    row.cells[0].colSpan = 4;
  }
  todo.items.forEach((item, i) => {
    const row = body.insertRow();
    const who = el('td');
    who.append(customerLink(item.customerId, item.customerName));
    const why = el('td', item.reasons.map(reasonText).join(' · '));
    if (item.escalated) why.append(' ', el('span', t('escalated'), 'escalated'));
    row.append(el('td', i + 1), who, el('td', item.ownerName || t('nobody')), why);
  });
}

function rows(tableId, list, cells) {
  const body = $(tableId).tBodies[0];
  body.replaceChildren();
  if (list.length === 0) body.insertRow().append(el('td', t('none'), 'muted'));
  list.forEach((item) => { const row = body.insertRow(); cells(item).forEach((text) => row.append(el('td', text))); });
}

async function customerPage(id) {
  const [view, history, surveys] = await Promise.all([
    api('/api/customers/' + id + '?lang=' + lang), api('/api/customers/' + id + '/history?lang=' + lang), api('/api/customers/' + id + '/surveys?lang=' + lang)]);
  show('customer');
  const c = view.customer;
  const k = view.classification;
  $('customer-name').textContent = '#' + c.id + ' ' + c.name;
  const facts = $('customer-facts');
  facts.replaceChildren();
  card(facts, t('tier'), k.tier, 'customer-tier');
  card(facts, t('stage'), WORDS[lang].stages[k.stage] || k.stage);
  card(facts, t('points'), k.points);
  card(facts, t('phone'), c.phone || '-');
  $('tier-reason').textContent = t('tier') + ' ' + k.tier + (lang === 'zh' ? '：' : ': ') + (k.tierReason || '');
  $('stage-reason').textContent = t('stage') + ' ' + (WORDS[lang].stages[k.stage] || k.stage) + (lang === 'zh' ? '：' : ': ') + (k.stageReason || '');
  $('next-drop').textContent = k.nextDrop ? k.nextDrop.reason : '';
  rows('customer-purchases', view.recentPurchases, (p) => [when(p.date), '¥' + p.amount, (p.items || []).join('、'), p.staff || '']);
  rows('customer-follow-ups', view.recentFollowUps, (f) => [when(f.date), f.staff || '', f.method, f.content]);
  rows('customer-surveys', surveys, (a) => [a.answeredAt, a.surveyTitle, a.questionText, a.low ? '⚠️ ' + a.answer + ' · ' + t('lowScore') : a.answer]);
  rows('customer-history', history, (h) => [when(h.date), h.kind, (h.from || '') + ' → ' + (h.to || ''), h.reason || '']);
}

async function search(event) {
  event.preventDefault();
  const list = $('search-results');
  const q = $('search').value.trim();
  if (!q) return;
  const page = await api('/api/customers?size=10&q=' + encodeURIComponent(q));
  list.replaceChildren();
  if (page.items.length === 0) list.append(el('li', t('none'), 'muted'));
  page.items.forEach((c) => { const li = el('li'); li.append(customerLink(c.id, c.name)); list.append(li); });
}

async function route() {
  translate();
  $('error').hidden = true;
  window.scrollTo(0, 0);                      // a new page starts at its top
  if (!token) { show('login'); return; }
  try {
    const match = location.hash.match(/^#customer\/(\d{1,18})$/);
    await (match ? customerPage(match[1]) : overview());
  } catch (e) {
    if (e instanceof Missing) {                // an unknown customer: say so, and show nobody's data
      show('none');
      $('error').textContent = t('noSuchCustomer');
      $('error').hidden = false;
    } else if (e instanceof Refused) {
      token = '';
      sessionStorage.removeItem('liuke.token');
      show('login');
      $('login-error').textContent = t(e.message);
    } else {
      $('error').textContent = t('failed');
      $('error').hidden = false;
      console.error(e);
    }
  }
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  token = $('token').value.trim();
  sessionStorage.setItem('liuke.token', token);
  $('login-error').textContent = '';
  route();
});
$('logout').addEventListener('click', () => { token = ''; sessionStorage.removeItem('liuke.token'); location.hash = ''; route(); });
$('language').addEventListener('click', () => { lang = lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('liuke.lang', lang); route(); });
$('search-form').addEventListener('submit', search);
window.addEventListener('hashchange', route);
route();
