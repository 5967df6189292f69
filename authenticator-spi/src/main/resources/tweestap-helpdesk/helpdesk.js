// The helpdesk page of a realm (Tweestap). No framework, nothing from another origin.
// Login: authorization code + PKCE with the realm's public client; the tokens stay in this page's memory.
// Every call goes to Keycloak's or the pack's admin REST API with the helpdesk person's own token: the server decides
// what is allowed (403 otherwise); this page only hides what the person may not do.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const PKCE_KEY = 'tweestap-helpdesk-login';
  const lang = new URLSearchParams(location.search).get('lang');
  const state = { config: null, messages: {}, locale: 'nl', token: null, refreshToken: null, idToken: null,
    expires: 0, person: null };

  // ---------------------------------------------------------------- texts

  function msg(key, ...args) {
    const pattern = state.messages[key] ?? key;
    return pattern.replace(/\{(\d+)\}/g, (m, i) => (args[i] === undefined || args[i] === null ? '' : String(args[i])))
      .replace(/''/g, "'");
  }

  function applyMessages() {
    document.documentElement.lang = state.locale;
    document.querySelectorAll('[data-msg]').forEach((el) => { el.textContent = msg(el.dataset.msg); });
    document.title = msg('tweestapHelpdeskTitle');
  }

  function date(millis) {
    if (millis === null || millis === undefined) {
      return '';
    }
    return new Intl.DateTimeFormat(state.locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(millis));
  }

  function status(text) {
    $('hd-error').textContent = '';
    $('hd-status').textContent = text;
  }

  function error(text) {
    $('hd-status').textContent = '';
    $('hd-error').textContent = text;
  }

  function show(section) {
    for (const id of ['hd-login', 'hd-search', 'hd-person', 'hd-new', 'hd-import']) {
      $(id).hidden = id !== section;
    }
  }

  // ---------------------------------------------------------------- login (code + PKCE)

  function b64url(bytes) {
    let text = '';
    bytes.forEach((b) => { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function random(length) {
    const bytes = new Uint8Array(length);
    crypto.getRandomValues(bytes);
    return b64url(bytes);
  }

  function redirectUri() {
    return location.origin + state.config.pageUrl;
  }

  async function login() {
    const verifier = random(32);
    const loginState = random(16);
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state: loginState, lang }));
    const params = new URLSearchParams({
      client_id: state.config.clientId, redirect_uri: redirectUri(), response_type: 'code', scope: 'openid',
      code_challenge: b64url(new Uint8Array(digest)), code_challenge_method: 'S256', state: loginState,
      ui_locales: state.locale,
    });
    location.assign(state.config.authUrl + '?' + params.toString());
  }

  function form(values) {
    return { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(values).toString() };
  }

  function keep(tokens) {
    state.token = tokens.access_token;
    state.refreshToken = tokens.refresh_token || null;
    state.idToken = tokens.id_token || state.idToken;
    state.expires = Date.now() + (Number(tokens.expires_in) || 60) * 1000;
  }

  /** Back from the login: redeems the code once (state checked), then cleans the address bar. */
  async function finishLogin(query) {
    const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
    sessionStorage.removeItem(PKCE_KEY);
    history.replaceState(null, '', state.config.pageUrl + (saved && saved.lang ? '?lang=' + encodeURIComponent(saved.lang) : ''));
    if (query.get('error') || !saved || saved.state !== query.get('state') || !query.get('code')) {
      return false;
    }
    const response = await fetch(state.config.tokenUrl, form({
      grant_type: 'authorization_code', client_id: state.config.clientId, code: query.get('code'),
      redirect_uri: redirectUri(), code_verifier: saved.verifier,
    }));
    if (!response.ok) {
      return false;
    }
    keep(await response.json());
    return true;
  }

  async function refresh() {
    if (!state.refreshToken) {
      return false;
    }
    const response = await fetch(state.config.tokenUrl, form({
      grant_type: 'refresh_token', client_id: state.config.clientId, refresh_token: state.refreshToken,
    }));
    if (!response.ok) {
      return false;
    }
    keep(await response.json());
    return true;
  }

  function expired() {
    state.token = null;
    state.refreshToken = null;
    $('hd-who').hidden = true;
    show('hd-login');
    error(msg('tweestapHelpdeskExpired'));
  }

  function claims(jwt) {
    try {
      const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      return {};
    }
  }

  function logout() {
    const params = new URLSearchParams({ client_id: state.config.clientId, post_logout_redirect_uri: redirectUri() });
    if (state.idToken) {
      params.set('id_token_hint', state.idToken);
    }
    state.token = null;
    location.assign(state.config.logoutUrl + '?' + params.toString());
  }

  // ---------------------------------------------------------------- admin REST

  class ApiError extends Error {
    constructor(status, body) {
      super('HTTP ' + status);
      this.status = status;
      this.body = body;
    }
  }

  async function api(method, path, body) {
    if (!state.token || Date.now() > state.expires - 10000) {
      if (!(await refresh())) {
        expired();
        throw new ApiError(401, null);
      }
    }
    // A file's bytes (the import) go as they are; anything else as JSON.
    const raw = body instanceof ArrayBuffer;
    const call = () => fetch(state.config.adminUrl + path, {
      method,
      headers: Object.assign({ Authorization: 'Bearer ' + state.token, Accept: 'application/json',
        'Accept-Language': state.locale }, body === undefined ? {}
        : { 'Content-Type': raw ? 'text/csv' : 'application/json' }),
      body: body === undefined ? undefined : (raw ? body : JSON.stringify(body)),
    });
    let response = await call();
    if (response.status === 401 && (await refresh())) {
      response = await call();
    }
    if (response.status === 401) {
      expired();
      throw new ApiError(401, null);
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      throw new ApiError(response.status, json);
    }
    return json;
  }

  function failure(e, context) {
    if (!(e instanceof ApiError)) {
      error(msg('tweestapHelpdeskErrorNetwork'));
      return;
    }
    if (e.status === 401) {
      return;
    }
    const server = e.body && typeof e.body.errorMessage === 'string' ? e.body.errorMessage : null;
    const keys = { 400: 'tweestapHelpdeskErrorBadRequest', 403: 'tweestapHelpdeskErrorForbidden',
      404: context === 'person' ? 'tweestapHelpdeskErrorNoPerson' : 'tweestapHelpdeskErrorNotFound',
      409: 'tweestapHelpdeskErrorConflict', 429: 'tweestapHelpdeskErrorTooMany', 502: 'tweestapHelpdeskErrorDelivery' };
    error(server || msg(keys[e.status] || 'tweestapHelpdeskErrorServer'));
  }

  // ---------------------------------------------------------------- search

  function fullName(user) {
    return [user.firstName, user.lastName].filter((p) => p && p.trim()).join(' ') || user.username;
  }

  async function search(event) {
    event.preventDefault();
    const q = $('hd-q').value.trim();
    if (!q) {
      error(msg('tweestapHelpdeskSearchEmpty'));
      return;
    }
    const list = $('hd-results');
    list.replaceChildren();
    $('hd-results-count').textContent = '';
    try {
      const calls = [api('GET', '/users?' + new URLSearchParams({ search: q, max: '21', briefRepresentation: 'true' }))];
      if (state.config.personnelAttribute && /^[A-Za-z0-9-]{1,40}$/.test(q)) {
        calls.push(api('GET', '/users?' + new URLSearchParams({ q: state.config.personnelAttribute + ':' + q, max: '21' })));
      }
      const found = new Map();
      for (const users of await Promise.all(calls)) {
        for (const user of users || []) {
          found.set(user.id, user);
        }
      }
      const users = [...found.values()].slice(0, 20);
      status('');
      $('hd-results-count').textContent = users.length === 0 ? msg('tweestapHelpdeskSearchNone')
        : msg('tweestapHelpdeskSearchCount', users.length);
      for (const user of users) {
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'hd-result';
        button.dataset.user = user.id;
        const name = document.createElement('span');
        name.textContent = fullName(user);
        const sub = document.createElement('span');
        sub.className = 'hd-sub';
        sub.textContent = [user.username, user.email].filter(Boolean).join(' · ');
        button.append(name, sub);
        button.addEventListener('click', () => openPerson(user.id));
        item.append(button);
        list.append(item);
      }
    } catch (e) {
      failure(e, 'search');
    }
  }

  // ---------------------------------------------------------------- person

  function row(list, label, value, id) {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    if (id) {
      dd.id = id;
    }
    if (value instanceof Node) {
      dd.append(value);
    } else {
      dd.textContent = value === '' || value === null || value === undefined ? '—' : value;
    }
    list.append(dt, dd);
  }

  function factorText(factor) {
    if (factor.kind === 'app') {
      return msg('tweestapHelpdeskFactorApp', factor.label || '', date(factor.since),
        factor.lastUsed ? date(factor.lastUsed) : msg('tweestapHelpdeskNeverUsed'));
    }
    return msg('tweestapHelpdeskFactorTotp', factor.label || '', date(factor.since));
  }

  async function openPerson(id, keepStatus) {
    try {
      const person = await api('GET', '/tweestap-helpdesk/users/' + encodeURIComponent(id));
      state.person = person;
      if (!keepStatus) {
        status('');
      }
      renderPerson(person);
      show('hd-person');
      $('hd-person-title').focus();
    } catch (e) {
      failure(e, 'person');
    }
  }

  function renderPerson(person) {
    const nameField = (n) => (person.fields.find((f) => f.name === n) || {}).value;
    $('hd-person-title').textContent = [nameField('firstName'), nameField('lastName')].filter(Boolean).join(' ')
      || person.username;
    const list = $('hd-fields');
    list.replaceChildren();
    for (const field of person.fields) {
      row(list, field.label, field.value);
    }
    const twoFactor = document.createElement('span');
    twoFactor.textContent = person.twoFactor.active ? msg('tweestapHelpdeskYes') : msg('tweestapHelpdeskNo');
    if (person.twoFactor.factors.length) {
      const details = document.createElement('ul');
      details.className = 'hd-factors';
      for (const factor of person.twoFactor.factors) {
        const item = document.createElement('li');
        item.textContent = factorText(factor);
        details.append(item);
      }
      twoFactor.append(details);
    }
    row(list, msg('tweestapHelpdeskTwoFactorActive'), twoFactor, 'hd-two-factor');
    const phone = person.phone.number ? person.phone.number + ' ' + (person.phone.verified
      ? msg('tweestapHelpdeskPhoneVerified') : msg('tweestapHelpdeskPhoneUnverified')) : msg('tweestapHelpdeskPhoneNone');
    row(list, msg('tweestapHelpdeskPhone'), phone, 'hd-phone-value');
    row(list, msg('tweestapHelpdeskBlocked'), person.enabled ? msg('tweestapHelpdeskNo') : msg('tweestapHelpdeskYes'), 'hd-blocked');
    row(list, msg('tweestapHelpdeskLocked'), person.locked ? msg('tweestapHelpdeskYes') : msg('tweestapHelpdeskNo'), 'hd-locked');
    renderActions(person);
  }

  function email(person) {
    return (person.fields.find((f) => f.name === 'email') || {}).value;
  }

  /** The actions this person may take here; the server checks each one again (403). */
  function actions(person) {
    const id = encodeURIComponent(person.id);
    const features = state.config.features;
    const list = [];
    if (!person.canManage) {
      return list;
    }
    if (person.twoFactor.active) {
      list.push({ id: 'two-factor-off', danger: true, method: 'DELETE', path: '/tweestap-otp/users/' + id + '/otp' });
    }
    list.push(person.enabled
      ? { id: 'block', danger: true, method: 'POST', path: '/tweestap-helpdesk/users/' + id + '/block' }
      : { id: 'unblock', method: 'POST', path: '/tweestap-helpdesk/users/' + id + '/unblock' });
    if (person.locked) {
      list.push({ id: 'unlock', method: 'DELETE', path: '/attack-detection/brute-force/users/' + id });
    }
    if (email(person)) {
      list.push({ id: 'username', method: 'POST', path: '/tweestap-account/users/' + id + '/username-email' });
      if (features.app) {
        list.push({ id: 'binding-qr', method: 'POST', path: '/tweestap-device/users/' + id + '/enrollment-email' });
      }
    }
    if (features.sms && person.phone.verified) {
      list.push({ id: 'temporary-password', method: 'POST', path: '/tweestap-sms/users/' + id + '/temporary-password-sms' });
    }
    return list;
  }

  const ACTION_KEYS = {
    'two-factor-off': 'TwoFactorOff', block: 'Block', unblock: 'Unblock', unlock: 'Unlock', username: 'Username',
    'binding-qr': 'BindingQr', 'temporary-password': 'TemporaryPassword', phone: 'Phone',
  };

  function renderActions(person) {
    const box = $('hd-actions');
    box.replaceChildren();
    const list = actions(person);
    $('hd-no-actions').hidden = list.length > 0 || person.canManage;
    for (const action of list) {
      const button = document.createElement('button');
      button.type = 'button';
      button.id = 'hd-action-' + action.id;
      button.className = action.danger ? 'hd-danger' : '';
      button.textContent = msg('tweestapHelpdeskAction' + ACTION_KEYS[action.id]);
      button.addEventListener('click', () => run(action));
      box.append(button);
    }
    $('hd-phone-form').hidden = !(person.canManage && state.config.features.sms);
    $('hd-phone').value = '';
  }

  function confirmAction(text, yes) {
    const dialog = $('hd-confirm');
    $('hd-confirm-text').textContent = text;
    $('hd-confirm-yes').textContent = yes;
    return new Promise((resolve) => {
      const done = (answer) => {
        $('hd-confirm-yes').removeEventListener('click', onYes);
        $('hd-confirm-no').removeEventListener('click', onNo);
        dialog.removeEventListener('cancel', onNo);
        if (dialog.open) {
          dialog.close();
        }
        resolve(answer);
      };
      const onYes = () => done(true);
      const onNo = (event) => {
        if (event) {
          event.preventDefault();
        }
        done(false);
      };
      $('hd-confirm-yes').addEventListener('click', onYes);
      $('hd-confirm-no').addEventListener('click', onNo);
      dialog.addEventListener('cancel', onNo);
      dialog.showModal();
      $('hd-confirm-no').focus();
    });
  }

  async function run(action, body) {
    const person = state.person;
    const key = ACTION_KEYS[action.id];
    const name = $('hd-person-title').textContent;
    const extra = body && body.phoneNumber ? body.phoneNumber : '';
    if (!(await confirmAction(msg('tweestapHelpdeskConfirm' + key, name, extra), msg('tweestapHelpdeskAction' + key)))) {
      return;
    }
    try {
      if (!(await stillAsShown(person, action))) {
        return;
      }
      await api(action.method, action.path, body);
      status(msg('tweestapHelpdeskDone' + key, name, extra));
      await openPerson(person.id, true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        gone();
        return;
      }
      failure(e, 'action');
    }
  }

  /** What an action depends on in the view this person acted on (another helpdesk person may have changed it since). */
  function stateFor(person, action) {
    switch (action.id) {
      case 'two-factor-off': return person.twoFactor.active;
      case 'block': case 'unblock': return person.enabled;
      case 'unlock': return person.locked;
      case 'temporary-password': return person.phone.verified;
      default: return true;
    }
  }

  /**
   * Reads the person again right before acting: when they no longer exist, or what the action depends on changed since
   * the view was shown (a colleague acted first), nothing is done and the page says so with the fresh view.
   */
  async function stillAsShown(shown, action) {
    const now = await api('GET', '/tweestap-helpdesk/users/' + encodeURIComponent(shown.id));
    if (stateFor(now, action) === stateFor(shown, action)) {
      return true;
    }
    state.person = now;
    renderPerson(now);
    error(msg('tweestapHelpdeskErrorChanged'));
    return false;
  }

  /** The person was deleted while their view was open: back to the search, with the reason. */
  function gone() {
    state.person = null;
    show('hd-search');
    error(msg('tweestapHelpdeskErrorGone'));
    $('hd-q').focus();
  }

  function changePhone(event) {
    event.preventDefault();
    const number = $('hd-phone').value.trim();
    if (!number) {
      error(msg('tweestapHelpdeskPhoneEmpty'));
      return;
    }
    run({ id: 'phone', method: 'PUT', path: '/tweestap-sms/users/' + encodeURIComponent(state.person.id) + '/phone-number' },
      { phoneNumber: number });
  }

  // ---------------------------------------------------------------- new account (seed 000)

  function openNew() {
    status('');
    $('hd-new-form').reset();
    show('hd-new');
    $('hd-new-title').focus();
  }

  async function createAccount(event) {
    event.preventDefault();
    const body = {};
    for (const field of ['username', 'email', 'phoneNumber', 'firstName', 'lastName']) {
      const value = $('hd-new-form').elements[field].value.trim();
      if (value) {
        body[field] = value;
      }
    }
    if (!body.username || !body.email || !body.phoneNumber) {
      error(msg('tweestapHelpdeskNewMissing'));
      return;
    }
    if (!(await confirmAction(msg('tweestapHelpdeskConfirmNew', body.username, body.phoneNumber),
      msg('tweestapHelpdeskNewSubmit')))) {
      return;
    }
    try {
      const created = await api('POST', '/tweestap-helpdesk/users', body);
      status(msg('tweestapHelpdeskDoneNew', created.username, body.phoneNumber));
      await openPerson(created.id, true);
    } catch (e) {
      failure(e, 'new');
    }
  }

  // ---------------------------------------------------------------- import (issue 17, part 3: migration from a CSV file)
  // Only for someone with the realm role tweestap-import (and manage-users): GET …/tweestap-helpdesk/import answers 403
  // for anyone else, and the button stays hidden. A dry run first (changes nothing, a report per row); the real run
  // sends the same file again and the server applies all rows in one transaction, or none; meanwhile this page polls
  // the progress.

  const imp = { file: null, name: null, id: null, report: null, polling: null };

  async function offerImport() {
    try {
      const info = await api('GET', '/tweestap-helpdesk/import');
      $('hd-import-columns').textContent = msg('tweestapHelpdeskImportColumns', info.columns.join(';'), info.maxRows);
      $('hd-import-button').hidden = false;
    } catch (e) {
      $('hd-import-button').hidden = true; // 403: not for this person
    }
  }

  function openImport() {
    status('');
    resetImport();
    $('hd-import-form').reset();
    show('hd-import');
    $('hd-import-title').focus();
  }

  function resetImport() {
    imp.file = null;
    imp.id = null;
    imp.report = null;
    $('hd-import-run').hidden = true;
    $('hd-import-report-box').hidden = true;
    $('hd-import-progress-box').hidden = true;
    $('hd-import-rows').replaceChildren();
  }

  function resultText(row, applied) {
    if (row.action === 'refused') {
      return msg('tweestapHelpdeskImportResultRefused', row.reason);
    }
    const key = row.action === 'create' ? 'Create' : 'Update';
    return msg('tweestapHelpdeskImportResult' + key + (applied ? 'd' : ''));
  }

  function renderReport(report) {
    imp.report = report;
    const body = $('hd-import-rows');
    body.replaceChildren();
    for (const row of report.rows) {
      const tr = document.createElement('tr');
      tr.id = 'hd-import-row-' + row.row;
      if (row.action === 'refused') {
        tr.className = 'hd-refused';
      }
      for (const value of [row.row, row.username, row.email, row.phoneNumber, resultText(row, report.applied)]) {
        const td = document.createElement('td');
        td.textContent = String(value ?? '');
        tr.append(td);
      }
      body.append(tr);
    }
    $('hd-import-summary').textContent = report.applied
      ? msg('tweestapHelpdeskImportDone', report.file, report.create, report.update)
      : msg('tweestapHelpdeskImportDryRunDone', report.file, report.create, report.update, report.refused);
    $('hd-import-report-box').hidden = false;
  }

  function csvField(value) {
    const text = String(value ?? '');
    return /[";,\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function download(event) {
    event.preventDefault();
    if (!imp.report) {
      return;
    }
    const header = ['ReportRow', 'ReportUsername', 'ReportEmail', 'ReportPhone', 'ReportResult']
      .map((k) => csvField(msg('tweestapHelpdeskImport' + k))).join(';');
    const lines = imp.report.rows.map((row) => [row.row, row.username, row.email, row.phoneNumber,
      resultText(row, imp.report.applied)].map(csvField).join(';'));
    const blob = new Blob(['\uFEFF' + [header, ...lines].join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = imp.report.file.replace(/\.csv$/i, '') + '-' + (imp.report.applied ? 'import' : 'proef') + '.csv';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  async function dryRun(event) {
    event.preventDefault();
    const input = $('hd-import-file');
    resetImport();
    if (!input.files || input.files.length === 0) {
      error(msg('tweestapHelpdeskImportNoFile'));
      return;
    }
    const file = input.files[0];
    imp.name = file.name;
    status(msg('tweestapHelpdeskImportChecking'));
    try {
      const bytes = await file.arrayBuffer();
      const report = await api('POST', '/tweestap-helpdesk/import/dry-run?' + new URLSearchParams({ file: file.name }), bytes);
      renderReport(report);
      if (report.refused > 0) {
        error(msg('tweestapHelpdeskImportDryRunRefused'));
        return;
      }
      imp.file = bytes;
      imp.id = report.importId;
      status(msg('tweestapHelpdeskImportDryRunDone', report.file, report.create, report.update, report.refused));
      $('hd-import-run').hidden = false;
    } catch (e) {
      failure(e, 'import');
    }
  }

  function showProgress(done, total) {
    const bar = $('hd-import-progress');
    bar.max = Math.max(total, 1);
    bar.value = Math.min(done, total);
    $('hd-import-progress-text').textContent = msg('tweestapHelpdeskImportProgress', Math.min(done, total), total);
  }

  async function runImport() {
    const report = imp.report;
    if (!imp.id || !report) {
      return;
    }
    if (!(await confirmAction(msg('tweestapHelpdeskImportConfirm', report.total, report.file, report.create, report.update),
      msg('tweestapHelpdeskImportRun')))) {
      return;
    }
    const id = imp.id;
    const bytes = imp.file;
    imp.id = null;
    $('hd-import-run').hidden = true;
    $('hd-import-progress-box').hidden = false;
    showProgress(0, report.total);
    status('');
    imp.polling = setInterval(async () => {
      try {
        const progress = await api('GET', '/tweestap-helpdesk/import/' + id + '/progress');
        if (imp.polling) {
          showProgress(progress.done, report.total);
        }
      } catch (e) {
        // the run's own answer reports any failure
      }
    }, 500);
    try {
      const done = await api('POST', '/tweestap-helpdesk/import/' + id + '?' + new URLSearchParams({ file: imp.name }), bytes);
      showProgress(done.total, done.total);
      renderReport(done);
      status(msg('tweestapHelpdeskImportDone', done.file, done.create, done.update));
    } catch (e) {
      if (e instanceof ApiError && e.body && Array.isArray(e.body.rows)) {
        renderReport(e.body);
      }
      $('hd-import-progress-box').hidden = true;
      failure(e, 'import');
    } finally {
      clearInterval(imp.polling);
      imp.polling = null;
    }
  }

  function bindImport() {
    $('hd-import-button').addEventListener('click', openImport);
    $('hd-import-back').addEventListener('click', () => { status(''); show('hd-search'); $('hd-q').focus(); });
    $('hd-import-form').addEventListener('submit', dryRun);
    $('hd-import-file').addEventListener('change', () => { resetImport(); status(''); });
    $('hd-import-run').addEventListener('click', runImport);
    $('hd-import-download').addEventListener('click', download);
  }

  // ---------------------------------------------------------------- start

  async function json(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(url + ': ' + response.status);
    }
    return response.json();
  }

  async function start() {
    const suffix = lang ? '?kc_locale=' + encodeURIComponent(lang) : '';
    const [config, messages] = await Promise.all([json('config.json'), json('messages.json' + suffix)]);
    state.config = config;
    state.messages = messages.messages;
    state.locale = messages.locale;
    applyMessages();
    $('hd-loading').hidden = true;
    $('hd-login-button').addEventListener('click', () => { login(); });
    $('hd-logout').addEventListener('click', logout);
    $('hd-search-form').addEventListener('submit', search);
    $('hd-back').addEventListener('click', () => { status(''); show('hd-search'); $('hd-q').focus(); });
    $('hd-phone-form').addEventListener('submit', changePhone);
    $('hd-new-button').addEventListener('click', openNew);
    $('hd-new-back').addEventListener('click', () => { status(''); show('hd-search'); $('hd-q').focus(); });
    $('hd-new-form').addEventListener('submit', createAccount);
    bindImport();
    const query = new URLSearchParams(location.search);
    if (query.has('code') || query.has('error')) {
      if (!(await finishLogin(query))) {
        show('hd-login');
        error(msg('tweestapHelpdeskLoginFailed'));
        return;
      }
    }
    if (!state.token) {
      show('hd-login');
      return;
    }
    const who = claims(state.idToken || state.token);
    $('hd-user').textContent = msg('tweestapHelpdeskLoggedInAs', who.name || who.preferred_username || '');
    $('hd-who').hidden = false;
    show('hd-search');
    $('hd-q').focus();
    try {
      const can = await api('GET', '/tweestap-helpdesk/capabilities');
      $('hd-new-button').hidden = !(can.create && state.config.features.sms);
    } catch (e) {
      failure(e, 'capabilities');
    }
    await offerImport();
  }

  start().catch(() => {
    $('hd-loading').hidden = true;
    error(state.messages.tweestapHelpdeskErrorServer || 'Er ging iets mis. / Something went wrong.');
  });
})();
