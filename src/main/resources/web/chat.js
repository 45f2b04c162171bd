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
  let last = Number(sessionStorage.getItem('liuke.last') || 0);

  nameInput.value = localStorage.getItem('liuke.name') || '';
  tokenInput.value = sessionStorage.getItem('liuke.token') || '';
  nameInput.addEventListener('change', () => localStorage.setItem('liuke.name', nameInput.value));
  tokenInput.addEventListener('change', () => { sessionStorage.setItem('liuke.token', tokenInput.value); showMode(); });

  function showMode() {
    mode.textContent = tokenInput.value ? '员工模式 · staff (owner)' : '顾客模式 · customer';
  }

  async function session() {
    let id = localStorage.getItem('liuke.session');
    if (!id) {
      const response = await fetch('/chat/api/session', { method: 'POST' });
      id = (await response.json()).session;
      localStorage.setItem('liuke.session', id);
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

  async function post(body) {
    error.textContent = '';
    const headers = { 'Content-Type': 'application/json' };
    if (tokenInput.value) {
      headers.Authorization = 'Bearer ' + tokenInput.value;
    }
    body.session = await session();
    body.after = last;
    body.name = nameInput.value || null;
    body.language = navigator.language || null;
    const response = await fetch('/chat/api/messages', { method: 'POST', headers, body: JSON.stringify(body) });
    const answer = await response.json();
    if (!response.ok) {
      error.textContent = answer.detail || answer.error;
      return;
    }
    receive(answer);
  }

  function receive(answer) {
    show(answer.messages);
    last = answer.last;
    sessionStorage.setItem('liuke.last', String(last));
  }

  async function poll() {
    try {
      const response = await fetch('/chat/api/messages?session=' + encodeURIComponent(await session()) + '&after=' + last);
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
  } else if (!localStorage.getItem('liuke.session')) {
    post({ text: '/start' });
  }
  setInterval(poll, 5000);
  input.focus();
})();
