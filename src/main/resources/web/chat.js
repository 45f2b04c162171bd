// The web chat: talks to /chat/api with a session kept in this browser. Everything the bot says is
// shown with textContent, never as HTML.
(function () {
  const list = document.getElementById('messages');
  const form = document.getElementById('composer');
  const input = document.getElementById('text');
  const nameInput = document.getElementById('name');
  const tokenInput = document.getElementById('token');
  const mode = document.getElementById('mode');
  const error = document.getElementById('error');
  // The page speaks the bot's language: the visitor's when it is Chinese or English, else the shop's.
  const browser = (navigator.language || '').toLowerCase();
  const lang = browser.startsWith('zh') ? 'zh' : browser.startsWith('en') ? 'en' : (document.documentElement.lang.startsWith('zh') ? 'zh' : 'en');
  const WORDS = {
    zh: { title: '留客 · 网页聊天', settings: '设置', name: '称呼', visitor: '访客', token: '员工模式：管理口令', staff: '员工模式（店主）',
      customer: '顾客模式', placeholder: '输入消息，例如 /help', send: '发送' },
    en: { title: 'Liuke · web chat', settings: 'Settings', name: 'Your name', visitor: 'Visitor', token: 'Staff mode: admin token',
      staff: 'Staff mode (owner)', customer: 'Customer mode', placeholder: 'Type a message, e.g. /help', send: 'Send' },
  }[lang];
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = WORDS.title;
  document.getElementById('settingsLabel').textContent = WORDS.settings;
  document.getElementById('nameLabel').textContent = WORDS.name;
  document.getElementById('tokenLabel').textContent = WORDS.token;
  document.getElementById('send').textContent = WORDS.send;
  input.placeholder = WORDS.placeholder;
  nameInput.placeholder = WORDS.visitor;
  // The chat's own token key: signing in to the dashboard does not turn this chat into staff mode.
  const TOKEN_KEY = 'liuke.chat.token';
  let last = 0;

  nameInput.value = localStorage.getItem('liuke.name') || '';
  tokenInput.value = sessionStorage.getItem(TOKEN_KEY) || '';
  last = Number(sessionStorage.getItem(lastKey()) || 0);
  nameInput.addEventListener('change', () => localStorage.setItem('liuke.name', nameInput.value));
  tokenInput.addEventListener('change', () => {
    sessionStorage.setItem(TOKEN_KEY, tokenInput.value);
    showMode();
    list.textContent = '';                                 // each mode is a chat of its own
    last = Number(sessionStorage.getItem(lastKey()) || 0);
    poll();
  });

  function lastKey() {
    return tokenInput.value ? 'liuke.last.staff' : 'liuke.last.customer';
  }

  function showMode() {
    mode.textContent = tokenInput.value ? WORDS.staff : WORDS.customer;
  }

  // One server-issued session per mode: a staff session is made (and used) with the admin token.
  function sessionKey() {
    return tokenInput.value ? 'liuke.session.staff' : 'liuke.session.customer';
  }

  function authHeaders() {
    const headers = { 'Content-Type': 'application/json' };
    if (tokenInput.value) {
      headers.Authorization = 'Bearer ' + tokenInput.value;
    }
    return headers;
  }

  async function session() {
    let id = localStorage.getItem(sessionKey());
    if (!id) {
      const response = await fetch('/chat/api/session', { method: 'POST', headers: authHeaders() });
      const answer = await response.json();
      if (!response.ok) {
        throw new Error(answer.detail || answer.error);
      }
      id = answer.session;
      localStorage.setItem(sessionKey(), id);
    }
    return id;
  }

  function bubble(text, who) {
    const div = document.createElement('div');
    div.className = 'bubble ' + who;
    div.textContent = text;
    list.appendChild(div);
    list.scrollTop = list.scrollHeight;
    return div;
  }

  function show(messages) {
    for (const message of messages) {
      if (message.kind === 'notice') {
        if (message.text) {
          const note = bubble(message.text, 'notice');
          note.className = 'notice';
        }
        continue;
      }
      const div = bubble(message.text, 'bot');
      if (message.buttons && message.buttons.length) {
        const choices = document.createElement('div');
        choices.className = 'choices';
        for (const row of message.buttons) {
          for (const button of row) {
            const element = document.createElement('button');
            element.type = 'button';
            element.textContent = button.label;
            element.addEventListener('click', () => { bubble(button.label, 'me'); post({ button: button.data }); });
            choices.appendChild(element);
          }
        }
        div.appendChild(choices);
      }
    }
  }

  async function post(body, retried) {
    error.textContent = '';
    try {
      body.session = await session();
    } catch (failure) {
      error.textContent = failure.message;
      return;
    }
    body.after = last;
    body.name = nameInput.value || null;
    body.language = navigator.language || null;
    const response = await fetch('/chat/api/messages', { method: 'POST', headers: authHeaders(), body: JSON.stringify(body) });
    const answer = await response.json();
    if (response.status === 400 && answer.field === 'session' && !retried) {
      localStorage.removeItem(sessionKey());   // a session the server no longer knows: start a new one
      return post(body, true);
    }
    if (!response.ok) {
      error.textContent = answer.detail || answer.error;
      return;
    }
    receive(answer);
  }

  function receive(answer) {
    show(answer.messages);
    last = answer.last;
    sessionStorage.setItem(lastKey(), String(last));
  }

  async function poll() {
    try {
      const response = await fetch('/chat/api/messages?session=' + encodeURIComponent(await session()) + '&after=' + last,
        { headers: authHeaders() });
      if (response.ok) {
        receive(await response.json());
      }
    } catch (ignored) {
      // offline for a moment; the next poll tries again
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) {
      return;
    }
    input.value = '';
    bubble(text, 'me');
    post({ text });
  });

  showMode();
  const start = new URLSearchParams(location.search).get('start');
  if (start && /^[A-Za-z0-9_-]{1,64}$/.test(start)) {
    bubble('/start ' + start, 'me');
    post({ text: '/start ' + start });
  } else if (!localStorage.getItem(sessionKey())) {
    post({ text: '/start' });
  }
  setInterval(poll, 5000);
  input.focus();
})();
