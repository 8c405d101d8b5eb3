(function () {
  'use strict';
  var token = document.querySelector('meta[name=agent-token]').getAttribute('content');
  var el = function (id) { return document.getElementById(id); };
  var jobId = null;

  function show(text) { el('message').textContent = text || ''; el('message').hidden = !text; }

  function explain(body) {
    var text = [body.message, body.nextStep].filter(Boolean).join(' ');
    if (typeof body.triesRemaining === 'number') { text += ' Kalan deneme hakkı: ' + body.triesRemaining + '.'; }
    return text;
  }

  async function call(path, body) {
    var response;
    try {
      response = await fetch(path, {
        method: 'POST', cache: 'no-store', credentials: 'omit',
        headers: { 'Content-Type': 'application/json', 'X-Agent-Token': token },
        body: JSON.stringify(body || {})
      });
    } catch (e) {
      return { ok: false, body: { message: 'İmza ajanına ulaşılamadı; ajanın çalıştığını kontrol edin.' } };
    }
    var json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    return { ok: response.ok && json !== null, body: json || { message: 'Beklenmeyen cevap (' + response.status + ').' } };
  }

  function option(value, label) {
    var node = document.createElement('option');
    node.value = value;
    node.textContent = label;
    return node;
  }

  function lockJobForm(locked) {
    ['server', 'code', 'certificate', 'fetch'].forEach(function (id) { el(id).disabled = locked; });
  }

  async function setup() {
    var result = await call('/code/setup');
    if (!result.ok) { show(explain(result.body)); return; }
    el('server').replaceChildren.apply(el('server'), result.body.servers.map(function (s) { return option(s, s); }));
    el('certificate').replaceChildren.apply(el('certificate'), result.body.certificates.map(function (c) {
      return option(String(c.index), c.subject + ' — ' + c.issuer + ' — son geçerlilik ' + new Date(c.notAfter).toLocaleDateString('tr-TR', { timeZone: 'Europe/Istanbul' }));
    }));
    document.body.setAttribute('data-state', 'ready');
  }

  el('job-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    show('');
    el('done').hidden = true;
    lockJobForm(true);
    var result = await call('/code/job', { server: el('server').value, code: el('code').value, certificate: parseInt(el('certificate').value, 10) });
    if (!result.ok) { lockJobForm(false); show(explain(result.body)); return; }
    jobId = result.body.jobId;
    el('job-origin').textContent = 'Sunucu: ' + result.body.origin;
    el('job-signer').textContent = 'İmzalayan: ' + result.body.signerName + (result.body.tckn ? ' (' + result.body.tckn + ')' : '');
    el('job-items').replaceChildren.apply(el('job-items'), result.body.items.map(function (item) {
      var li = document.createElement('li');
      li.textContent = item;
      return li;
    }));
    el('job').hidden = false;
    el('pin').focus();
  });

  function endJob() {
    jobId = null;
    el('job').hidden = true;
    el('code').value = '';
    lockJobForm(false);
  }

  el('cancel').addEventListener('click', function () { el('pin').value = ''; endJob(); show('İmzalama iptal edildi; MYS sayfasından yeni kod alabilirsiniz.'); });

  el('sign-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    show('');
    var pin = el('pin').value;
    el('pin').value = '';
    el('sign').disabled = true;
    var result = await call('/code/sign', { jobId: jobId, pin: pin });
    pin = null;
    el('sign').disabled = false;
    if (!result.ok) {
      show(explain(result.body));
      if (result.body.code !== 'AGENT_PIN_INCORRECT' || result.body.triesRemaining === 1) { endJob(); }
      return;
    }
    endJob();
    el('done').textContent = result.body.signed + ' belge imzalandı. MYS sayfası kendiliğinden güncellenecek.';
    el('done').hidden = false;
  });

  setup();
}());
