// Signing page: finds the local smart-card agent, lists the card's certificates, asks for the PIN, then for each
// chunk of ÖEBs: server prepare → agent sign → server complete. Configuration comes from data- attributes
// (no inline script, CSP-clean). The PIN lives only in a local variable while a batch runs and goes only to the
// agent on 127.0.0.1; it is never sent to the server and never stored.
(function () {
    'use strict';
    var root = document.getElementById('signing');
    if (!root) { return; }

    var config = {
        bridge: root.getAttribute('data-bridge-url'),
        prepare: root.getAttribute('data-prepare-url'),
        complete: root.getAttribute('data-complete-url'),
        perRequest: parseInt(root.getAttribute('data-digests-per-request'), 10) || 25,
        minimumVersion: root.getAttribute('data-minimum-version') || '0.0.0',
        userTckn: root.getAttribute('data-user-tckn') || '',
        antiforgery: root.getAttribute('data-antiforgery') || ''
    };
    var help = JSON.parse(root.getAttribute('data-help') || '{}');
    var el = function (id) { return document.getElementById(id); };
    var agentStatus = el('agent-status');
    var agentMissing = el('agent-missing');
    var certificatesBox = el('certificates');
    var certificateRows = el('certificate-rows');
    var signButton = el('sign');
    var retryButton = el('retry');
    var message = el('message');
    var progress = el('progress');
    var progressText = el('progress-text');
    var dialog = el('pin-dialog');
    var pinInput = el('pin');
    var pinWarning = el('pin-warning');

    var rows = {};
    var queue = [];
    Array.prototype.forEach.call(root.querySelectorAll('#summary tr[data-id]'), function (tr) {
        rows[tr.getAttribute('data-id')] = tr;
        queue.push(tr.getAttribute('data-id'));
    });
    var total = queue.length;
    var signed = [];
    var certificates = [];
    var chosen = null;
    var pending = null; // a prepared chunk not signed yet (kept when the PIN was wrong, until it expires)
    var timings = [];
    var busy = false;

    function setState(state) { root.setAttribute('data-state', state); }

    function text(node, value) { node.textContent = value; return node; }

    function make(tag, value, className) {
        var node = document.createElement(tag);
        if (value !== undefined && value !== null) { node.textContent = value; }
        if (className) { node.className = className; }
        return node;
    }

    // One message box for every failure: what happened, what to do next, and the help link for the code.
    function showError(code, detail, nextStep, extra) {
        var entry = help[code] || {};
        message.hidden = false;
        message.className = 'alert error';
        message.setAttribute('role', 'alert');
        message.setAttribute('data-code', code);
        message.replaceChildren();
        message.appendChild(make('p', detail || entry.meaning || 'İmza işlemi tamamlanamadı.', 'what'));
        if (extra) { message.appendChild(make('p', extra, 'extra')); }
        var next = nextStep || entry.next;
        if (next) { message.appendChild(make('p', 'Ne yapmalı: ' + next, 'next')); }
        var link = make('a', 'Bu hata hakkında yardım');
        link.href = entry.link || ('/Yardim/hatalar#' + code);
        var helpLine = message.appendChild(make('p'));
        helpLine.appendChild(link);
        helpLine.appendChild(document.createTextNode(' '));
        // The code stays for support, small beside the Turkish text (the same markup as Display.Code on the server).
        var small = helpLine.appendChild(make('small', '(kod: ', 'kod'));
        small.appendChild(make('code', code));
        small.appendChild(document.createTextNode(')'));
    }

    function showInfo(value, kind) {
        message.hidden = false;
        message.className = 'alert ' + (kind || 'success');
        message.setAttribute('role', 'status');
        message.removeAttribute('data-code');
        message.replaceChildren(make('p', value));
    }

    function compareVersions(a, b) {
        var x = String(a).split('.'), y = String(b).split('.');
        for (var i = 0; i < Math.max(x.length, y.length); i++) {
            var d = (parseInt(x[i], 10) || 0) - (parseInt(y[i], 10) || 0);
            if (d !== 0) { return d; }
        }
        return 0;
    }

    function nameField(dn, key) {
        var match = new RegExp('(?:^|,\\s*)' + key + '=([^,]+)').exec(dn || '');
        return match ? match[1].trim() : (dn || '—');
    }

    function trDate(iso) {
        var d = new Date(iso);
        return isNaN(d.getTime()) ? '—' : d.toLocaleDateString('tr-TR', { timeZone: 'Europe/Istanbul', day: '2-digit', month: '2-digit', year: 'numeric' });
    }

    async function agent(path, body) {
        var options = body === undefined
            ? { method: 'GET', cache: 'no-store' }
            : { method: 'POST', cache: 'no-store', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
        var response;
        try {
            response = await fetch(config.bridge + path, options);
        } catch (e) {
            // Either nothing answers (not running, not installed, port blocked) or the agent answers but refuses this
            // site's origin (no CORS permission, so the browser hides its answer). An opaque no-cors request tells the
            // two apart: it succeeds whenever something answers on the agent's port.
            return { ok: false, error: { code: await agentAnswers(path) ? 'AGENT_ORIGIN_REFUSED' : 'AGENT_UNREACHABLE' } };
        }
        var json = null;
        try { json = await response.json(); } catch (e) { json = null; }
        if (response.ok && json) { return { ok: true, body: json }; }
        return { ok: false, error: json && json.code ? json : { code: 'AGENT_BAD_REQUEST' } };
    }

    async function agentAnswers(path) {
        try {
            await fetch(config.bridge + path, { method: 'GET', mode: 'no-cors', cache: 'no-store' });
            return true;
        } catch (e) {
            return false;
        }
    }

    async function server(url, body) {
        var response;
        try {
            response = await fetch(url, {
                method: 'POST',
                credentials: 'same-origin',
                cache: 'no-store',
                headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': config.antiforgery },
                body: JSON.stringify(body)
            });
        } catch (e) {
            return { ok: false, status: 0, error: { code: 'SIGN_SERVER_UNREACHABLE' } };
        }
        var json = null;
        try { json = await response.json(); } catch (e) { json = null; }
        if (response.ok && json) { return { ok: true, body: json }; }
        var code = json && json.code ? json.code
            : response.status === 401 ? 'UNAUTHENTICATED'
            : response.status === 403 ? 'FORBIDDEN'
            : response.status === 409 ? 'SIGN_STATE_CHANGED'
            : 'SIGN_SERVER_ERROR';
        return { ok: false, status: response.status, error: { code: code, detail: json && json.detail, refused: json && json.refused } };
    }

    // --- 1. find the agent and the card's certificates --------------------------------------------------------
    async function detect() {
        setState('detecting');
        message.hidden = true;
        agentMissing.hidden = true;
        certificatesBox.hidden = true;
        retryButton.hidden = true;
        signButton.disabled = true;
        text(agentStatus, 'İmza ajanı aranıyor…');

        var status = await agent('/v1/status');
        if (!status.ok) {
            if (status.error.code === 'AGENT_UNREACHABLE') {
                text(agentStatus, 'İmza ajanı bulunamadı: bu bilgisayarda çalışmıyor ya da kurulu değil.');
                agentMissing.hidden = false;
            }
            if (status.error.code === 'AGENT_ORIGIN_REFUSED') {
                // Running, so installing it again would not help: its settings must allow this site.
                text(agentStatus, 'İmza ajanı çalışıyor ancak bu siteye izin vermiyor.');
                showError('AGENT_ORIGIN_REFUSED',
                    'İmza Ajanı çalışıyor ancak bu siteye (' + window.location.origin + ') izin vermiyor.',
                    'İmza Ajanı\'nın ayarlarında (appsettings.json, Bridge → AllowedOrigins) bu adresi izinli sunuculara ekleyin ya da bilgi işlem biriminize ekletin, sonra ajanı yeniden başlatıp "Yeniden dene"ye basın. Ajanı yeniden kurmanız gerekmez.');
                retryButton.hidden = false;
                return stopDetect('agent-refuses-origin');
            }
            showError(status.error.code, status.error.message, status.error.nextStep);
            return stopDetect('agent-missing');
        }
        var info = status.body;
        var version = (info.agent || 'İmza ajanı') + ' ' + (info.version || '?');
        root.setAttribute('data-agent-version', info.version || '');
        if (compareVersions(info.version || '0', config.minimumVersion) < 0) {
            text(agentStatus, version + ' bulundu.');
            showError('AGENT_OUTDATED', null, null, 'Bulunan sürüm: ' + info.version + '; gereken en düşük sürüm: ' + config.minimumVersion + '.');
            return stopDetect('agent-outdated');
        }
        if (!info.module || !info.module.loaded) {
            text(agentStatus, version + ' çalışıyor, ancak kart sürücüsü yüklenemedi.');
            showError((info.module && info.module.errorCode) || 'AGENT_MODULE_NOT_FOUND');
            return stopDetect('no-module');
        }
        var tokens = info.tokens || [];
        if (tokens.length === 0) {
            text(agentStatus, version + ' çalışıyor; takılı kart yok.');
            showError('AGENT_TOKEN_ABSENT');
            return stopDetect('no-card');
        }
        text(agentStatus, version + ' çalışıyor · kart: ' + tokens.map(function (t) { return t.label; }).join(', '));

        var listed = await agent('/v1/certificates');
        if (!listed.ok) {
            showError(listed.error.code, listed.error.message, listed.error.nextStep);
            return stopDetect('certificates-failed');
        }
        certificates = listed.body.certificates || [];
        if (certificates.length === 0) {
            showError('SIGN_NO_CERTIFICATE');
            return stopDetect('no-certificate');
        }
        renderCertificates(tokens);
        setState('ready');
    }

    function stopDetect(state) {
        retryButton.hidden = false;
        setState(state);
    }

    function renderCertificates(tokens) {
        certificateRows.replaceChildren();
        var now = Date.now();
        var preselect = null;
        certificates.forEach(function (c, index) {
            var tr = document.createElement('tr');
            var radio = document.createElement('input');
            radio.type = 'radio';
            radio.name = 'certificate';
            radio.value = String(index);
            radio.id = 'certificate-' + index;
            radio.addEventListener('change', function () { choose(index); });
            var notes = [];
            var expired = new Date(c.notAfter).getTime() < now;
            if (expired) { notes.push('Süresi dolmuş'); }
            if (config.userTckn && c.tckn && c.tckn !== config.userTckn) { notes.push('Sizin T.C. kimlik numaranıza ait değil'); }
            var token = tokens.filter(function (t) { return c.token && t.serialNumber === c.token.serialNumber; })[0];
            if (token && token.pinLocked) { notes.push('Kartın PIN\'i kilitli'); }
            var cell = make('td');
            cell.appendChild(radio);
            tr.appendChild(cell);
            var label = make('label', nameField(c.subject, 'CN'));
            label.htmlFor = radio.id;
            tr.appendChild(make('td')).appendChild(label);
            tr.appendChild(make('td', c.tckn || '—'));
            tr.appendChild(make('td', nameField(c.issuer, 'CN')));
            tr.appendChild(make('td', trDate(c.notAfter)));
            tr.appendChild(make('td', notes.join(' · '), notes.length ? 'field-error' : ''));
            certificateRows.appendChild(tr);
            if (preselect === null && notes.length === 0) { preselect = index; }
        });
        certificatesBox.hidden = false;
        if (preselect !== null) {
            el('certificate-' + preselect).checked = true;
            choose(preselect);
        }
    }

    function choose(index) {
        chosen = certificates[index];
        pending = null;
        signButton.disabled = queue.length === 0;
    }

    // --- 2. PIN dialog ------------------------------------------------------------------------------------------
    function askPin(warning) {
        pinInput.value = '';
        pinWarning.hidden = !warning;
        text(pinWarning, warning || '');
        text(el('pin-certificate'), chosen ? 'Sertifika: ' + nameField(chosen.subject, 'CN') + ' (' + (chosen.tckn || '—') + '), ' + nameField(chosen.issuer, 'CN') : '');
        setState('pin');
        if (typeof dialog.showModal === 'function') { dialog.showModal(); } else { dialog.setAttribute('open', ''); }
        pinInput.focus();
    }

    el('pin-form').addEventListener('submit', function (e) {
        e.preventDefault();
        var pin = pinInput.value;
        pinInput.value = '';
        dialog.close();
        run(pin);
    });
    el('pin-cancel').addEventListener('click', function () {
        pinInput.value = '';
        dialog.close();
        setState('ready');
    });
    signButton.addEventListener('click', function () {
        if (!chosen || busy || queue.length === 0) { return; }
        message.hidden = true;
        askPin(null);
    });
    retryButton.addEventListener('click', detect);

    // --- 3. prepare → sign → complete, chunk by chunk -----------------------------------------------------------
    function mark(id, value, kind) {
        var tr = rows[id];
        if (!tr) { return; }
        var cell = tr.querySelector('[data-result]');
        text(cell, value);
        cell.className = kind || '';
        tr.setAttribute('data-outcome', kind || '');
    }

    // The state column follows the signature: "…İmzası Bekleniyor" becomes the ÖEB's new state.
    function showStatus(id, status) {
        var tr = rows[id];
        var names = JSON.parse(el('summary').getAttribute('data-status-names') || '{}');
        if (tr && names[status]) { text(tr.querySelector('[data-status]'), names[status]); }
    }

    function updateProgress(phase) {
        progress.hidden = false;
        progress.value = signed.length;
        text(progressText, signed.length + ' / ' + total + ' imzalandı' + (phase ? ' · ' + phase : ''));
    }

    async function run(pin) {
        if (busy) { return; }
        busy = true;
        signButton.disabled = true;
        setState('signing');
        var outcome = null;
        var started = performance.now();
        try {
            outcome = await signQueue(pin);
        } finally {
            pin = null;
            busy = false;
        }
        root.setAttribute('data-elapsed-ms', String(Math.round(performance.now() - started)));
        finish(outcome);
    }

    async function signQueue(pin) {
        var certificate = chosen.certificate;
        while (queue.length > 0) {
            var chunk = pending ? pending.ids : queue.slice(0, config.perRequest);
            var timing = { count: chunk.length };
            var prepared = pending && Date.parse(pending.body.expiresAt) - Date.now() > 15000 ? pending.body : null;
            pending = null;
            if (!prepared) {
                updateProgress('sunucuda hazırlanıyor');
                var t0 = performance.now();
                var p = await server(config.prepare, { certificate: certificate, paymentOrderIds: chunk });
                timing.prepareMs = performance.now() - t0;
                if (!p.ok) {
                    (p.error.refused || []).forEach(function (r) { mark(r.paymentOrderId, 'İmzalanmadı: ' + (r.message || r.code), 'refused'); dequeue(r.paymentOrderId); });
                    return { failed: p.error, source: 'server' };
                }
                prepared = p.body;
                var unexpected = (prepared.items || []).filter(function (item) { return chunk.indexOf(item.paymentOrderId) < 0; });
                if (unexpected.length > 0) { return { failed: { code: 'SIGN_UNEXPECTED_ITEMS' }, source: 'page' }; }
                (prepared.refused || []).forEach(function (r) {
                    mark(r.paymentOrderId, 'İmzalanmadı: ' + (r.message || r.code), 'refused');
                    dequeue(r.paymentOrderId);
                });
                var answered = (prepared.items || []).map(function (item) { return item.paymentOrderId; });
                chunk.forEach(function (id) {
                    if (queue.indexOf(id) >= 0 && answered.indexOf(id) < 0) {
                        mark(id, 'İmzalanmadı: sunucu bu belgeyi hazırlamadı', 'refused');
                        dequeue(id);
                    }
                });
            }
            var items = prepared.items || [];
            if (items.length === 0) { continue; }

            updateProgress('kartta imzalanıyor');
            var t1 = performance.now();
            var s = await agent('/v1/sign', {
                certificate: certificate,
                digestAlgorithm: prepared.digestAlgorithm,
                digests: items.map(function (item) { return item.digest; }),
                pin: pin
            });
            timing.agentMs = performance.now() - t1;
            if (!s.ok) {
                if (s.error.code === 'AGENT_PIN_INCORRECT') {
                    pending = { ids: chunk, body: prepared };
                }
                return { failed: s.error, source: 'agent' };
            }
            if (!s.body.signatures || s.body.signatures.length !== items.length) {
                return { failed: { code: 'AGENT_CARD_ERROR' }, source: 'agent' };
            }

            updateProgress('sunucuda kaydediliyor');
            var t2 = performance.now();
            var c = await server(config.complete, { sessionId: prepared.sessionId, certificate: certificate, signatures: s.body.signatures });
            timing.completeMs = performance.now() - t2;
            timings.push(timing);
            if (!c.ok) { return { failed: c.error, source: 'server' }; }
            var results = Array.isArray(c.body) ? c.body : (c.body.items || c.body.results || []);
            results.forEach(function (r) {
                if (r.ok) {
                    signed.push(r.paymentOrderId);
                    mark(r.paymentOrderId, 'İmzalandı', 'signed');
                    showStatus(r.paymentOrderId, r.status);
                } else {
                    mark(r.paymentOrderId, 'İmzalanmadı: ' + (r.message || r.code || 'bilinmeyen hata'), 'refused');
                }
                dequeue(r.paymentOrderId);
            });
            items.forEach(function (item) {
                if (queue.indexOf(item.paymentOrderId) >= 0) {
                    mark(item.paymentOrderId, 'İmzalanmadı: sunucu sonuç bildirmedi', 'refused');
                    dequeue(item.paymentOrderId);
                }
            });
            updateProgress(null);
        }
        return null;
    }

    function dequeue(id) {
        var at = queue.indexOf(id);
        if (at >= 0) { queue.splice(at, 1); }
    }

    function finish(outcome) {
        el('signing-timings').textContent = JSON.stringify(timings);
        updateProgress(null);
        var refused = Object.keys(rows).filter(function (id) { return rows[id].getAttribute('data-outcome') === 'refused'; });
        if (!outcome) {
            if (refused.length === 0) {
                showInfo(signed.length + ' belge imzalandı.');
                // A page whose state the signature changes (the accounting review) reloads to show it.
                if (root.getAttribute('data-done-url')) { window.location.assign(root.getAttribute('data-done-url')); }
            } else {
                showError('SIGN_PARTIAL', null, null, summary(refused));
            }
            setState('done');
            return;
        }

        var error = outcome.failed;
        var partial = signed.length > 0 || refused.length > 0 ? summary(refused) : null;
        if (error.code === 'AGENT_PIN_INCORRECT') {
            var tries = typeof error.triesRemaining === 'number' ? 'Kalan deneme hakkı: ' + error.triesRemaining + '.' : 'Kalan deneme hakkı kartınızca bildirilmedi.';
            showError(error.code, error.message, error.nextStep, [tries, partial].filter(Boolean).join(' '));
            signButton.disabled = false;
            askPin('PIN hatalı. ' + tries + (error.triesRemaining === 1 ? ' Son hakkınız: emin değilseniz denemeyin, kart kilitlenir.' : ''));
            setState('pin-incorrect');
            return;
        }
        showError(error.code, error.message || error.detail, error.nextStep, partial);
        queue.forEach(function (id) { mark(id, 'İmzalanmadı (eski hâlinde bekliyor)', 'not-signed'); });
        signButton.disabled = queue.length === 0 || !chosen;
        text(signButton, queue.length > 0 && signed.length > 0 ? 'Kalanları imzala' : 'İmzala');
        if (error.code === 'AGENT_UNREACHABLE' || error.code === 'AGENT_TOKEN_ABSENT' || error.code === 'AGENT_SESSION_LOST') {
            retryButton.hidden = false;
        }
        setState('failed');
    }

    function numbers(ids) {
        return ids.map(function (id) { return rows[id] ? rows[id].getAttribute('data-number') : id; }).join(', ');
    }

    function summary(refused) {
        var notSigned = refused.concat(queue.filter(function (id) { return refused.indexOf(id) < 0; }));
        return 'İmzalananlar (' + signed.length + '): ' + (signed.length ? numbers(signed) : '—') +
            '. İmzalanmayanlar (' + notSigned.length + '): ' + (notSigned.length ? numbers(notSigned) : '—') +
            '. İmzalanmayan belgeler eski hâlinde bekler.';
    }

    detect();
}());
