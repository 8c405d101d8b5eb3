// Signing readiness check: asks the local agent for its status and certificates, then has the server check the
// chosen certificate. Plain JS, no inline handlers (CSP: script-src 'self').
(function () {
  'use strict';
  var panel = document.getElementById('readiness');
  if (!panel) { return; }
  var agent = panel.getAttribute('data-agent-url').replace(/\/$/, '');
  var checkUrl = panel.getAttribute('data-check-url');
  var userTckn = panel.getAttribute('data-user-tckn');
  var list = panel.querySelector('.readiness-lines');
  var choose = panel.querySelector('.readiness-choose');
  var select = panel.querySelector('.readiness-certificates');
  var help = '/Yardim/hatalar#';
  var certificates = [];

  function line(key, state, label, detail, next, link) {
    var li = list.querySelector('[data-line="' + key + '"]') || document.createElement('li');
    li.setAttribute('data-line', key);
    li.className = state;
    li.textContent = '';
    var mark = document.createElement('span');
    mark.className = 'mark';
    mark.textContent = state === 'ok' ? '✔' : state === 'warn' ? '!' : state === 'bad' ? '✘' : '…';
    var strong = document.createElement('strong');
    strong.textContent = label + ': ';
    li.appendChild(mark);
    li.appendChild(strong);
    li.appendChild(document.createTextNode(detail || ''));
    if (next) {
      var step = document.createElement('div');
      step.className = 'next-step';
      step.textContent = 'Ne yapmalı: ' + next + ' ';
      if (link) {
        var a = document.createElement('a');
        a.href = link;
        a.textContent = 'Yardım';
        step.appendChild(a);
      }
      li.appendChild(step);
    }
    list.appendChild(li);
  }

  function clearServerLines() {
    Array.prototype.forEach.call(list.querySelectorAll('[data-server]'), function (li) { li.remove(); });
  }

  function getJson(path) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, 5000);
    return fetch(agent + path, { signal: controller.signal, cache: 'no-store' })
      .then(function (r) { clearTimeout(timer); return r.json(); });
  }

  function start() {
    list.textContent = '';
    choose.hidden = true;
    line('agent', 'pending', 'İmza ajanı', 'aranıyor…');
    getJson('/v1/status').then(function (status) {
      line('agent', 'ok', 'İmza ajanı', 'çalışıyor, sürüm ' + status.version);
      if (!status.module || !status.module.loaded) {
        var code = (status.module && status.module.errorCode) || 'AGENT_MODULE_NOT_FOUND';
        line('reader', 'bad', 'Kart sürücüsü', 'bulunamadı (' + code + ').', 'Kart okuyucunuzun ve kartınızın sürücüsünü kurun, ajanı yeniden başlatın.', help + code);
        return;
      }
      line('reader', 'ok', 'Kart sürücüsü ve okuyucu', 'yüklendi.');
      var tokens = status.tokens || [];
      if (tokens.length === 0) {
        line('card', 'bad', 'Kart', 'takılı kart bulunamadı.', 'Kartınızı okuyucuya takıp yeniden deneyin.', help + 'AGENT_TOKEN_ABSENT');
        return;
      }
      var locked = tokens.filter(function (t) { return t.pinLocked; });
      if (locked.length === tokens.length) {
        line('card', 'bad', 'Kart', 'PIN kilitli.', 'Sertifika hizmet sağlayıcınızın kilit çözme işlemini yapın.', help + 'AGENT_PIN_LOCKED');
        return;
      }
      var low = tokens.some(function (t) { return t.pinFinalTry || t.pinCountLow; });
      line('card', low ? 'warn' : 'ok', 'Kart', tokens.map(function (t) { return t.label; }).join(', ') + (low ? ' — PIN deneme hakkınız azaldı' : ' takılı.'),
        low ? 'PIN\'inizi dikkatle girin; son hakta hata kartı kilitler.' : null, low ? '/Yardim/pin-kilidi' : null);
      return getJson('/v1/certificates').then(listCertificates);
    }).catch(function () {
      line('agent', 'bad', 'İmza ajanı', 'bulunamadı.', 'İmza Ajanı\'nı başlatın (kurulu değilse kurun); tarayıcı yerel erişim izni isterse verin.', help + 'AGENT_UNREACHABLE');
    });
  }

  function listCertificates(answer) {
    certificates = (answer && answer.certificates) || [];
    if (certificates.length === 0) {
      line('certificate', 'bad', 'Sertifika', 'kartta imza sertifikası bulunamadı.', 'Kartınızdaki NES\'in yüklü olduğundan emin olun.', help + 'AGENT_KEY_NOT_FOUND');
      return;
    }
    select.textContent = '';
    var preferred = 0;
    certificates.forEach(function (c, i) {
      var option = document.createElement('option');
      option.value = String(i);
      var until = new Date(c.notAfter);
      option.textContent = c.subject + ' — son geçerlilik ' + (isNaN(until.getTime()) ? '—' : until.toLocaleDateString('tr-TR', { timeZone: 'Europe/Istanbul', day: '2-digit', month: '2-digit', year: 'numeric' }));
      select.appendChild(option);
      if (c.tckn === userTckn) { preferred = i; }
    });
    select.value = String(preferred);
    choose.hidden = false;
    line('certificate', 'ok', 'Sertifika', certificates.length + ' imza sertifikası bulundu; seçilen kontrol ediliyor.');
    check();
  }

  function check() {
    var chosen = certificates[Number(select.value)];
    if (!chosen) { return; }
    clearServerLines();
    var token = panel.querySelector('input[name="__RequestVerificationToken"]').value;
    fetch(checkUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
      body: JSON.stringify({ certificate: chosen.certificate })
    }).then(function (r) { return r.json(); }).then(function (result) {
      (result.lines || []).forEach(function (l) {
        line(l.key, l.state, l.label, l.detail, l.nextStep, l.help);
        list.querySelector('[data-line="' + l.key + '"]').setAttribute('data-server', '1');
      });
      line('verdict', result.ready ? 'ok' : 'bad', 'Sonuç', result.ready ? 'İmzaya hazırsınız.' : 'Kırmızı satırlardaki adımları tamamlayıp yeniden deneyin.');
      list.querySelector('[data-line="verdict"]').setAttribute('data-server', '1');
    }).catch(function () {
      line('verdict', 'bad', 'Sonuç', 'Sunucu kontrolü yapılamadı.', 'Sayfayı yenileyip yeniden deneyin.', null);
    });
  }

  panel.querySelector('.readiness-run').addEventListener('click', check);
  panel.querySelector('.readiness-retry').addEventListener('click', start);
  start();
}());
