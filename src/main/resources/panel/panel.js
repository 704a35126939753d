// The Webhooks keys panel. Plain JavaScript, no build step. Every value from the server goes into the page with
// textContent or an input's value, never as HTML, so a key name cannot inject markup.
'use strict';

const state = {
    session: null,     // {login, accounts, webhookBaseUrl}
    keys: [],          // [{id, name, apiKey, createdAt, expiresAt, lastUsedAt, pausedAt}]
    created: null,     // the key created on this page, with its webhook URL (until reload or delete)
    action: 'place',
    historyOffset: 0,
    historyLimit: 20,
    limitsKey: null,   // the key whose limits dialog is open
};

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

// ---- HTTP ---------------------------------------------------------------------------------------------------------

class ApiError extends Error {
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}

async function api(method, path, body) {
    const options = {method, headers: {}, credentials: 'same-origin'};
    if (body !== undefined || method === 'POST') {
        // every POST declares JSON, even without a body: the API refuses anything else (415)
        options.headers['Content-Type'] = 'application/json';
    }
    if (body !== undefined) {
        options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    if (response.status === 204) {
        return null;
    }
    const data = await response.json().catch(() => null);
    if (!response.ok) {
        if (response.status === 401 && path !== '/api/session') {
            showLogin();
        }
        throw new ApiError(response.status, (data && data.errmsg) || `request failed (${response.status})`);
    }
    return data;
}

// ---- formatting ---------------------------------------------------------------------------------------------------

const dateFormat = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});

function formatDate(iso) {
    return iso ? dateFormat.format(new Date(iso)) : '';
}

/** A small button of a key's row: its text, classes beside btn btn-small, label for screen readers, action. */
function actionButton(text, classes, label, onClick) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn btn-small ' + classes;
    button.textContent = text;
    button.setAttribute('aria-label', label);
    button.addEventListener('click', onClick);
    return button;
}

function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) {
        td.className = className;
    }
    return td;
}

function showError(element, message) {
    element.textContent = message;
    element.hidden = !message;
}

// ---- login --------------------------------------------------------------------------------------------------------

function showLogin() {
    state.session = null;
    $('#panel-view').hidden = true;
    $('#account').hidden = true;
    $('#login-view').hidden = false;
    $('#login').focus();
}

async function showPanel(session) {
    state.session = session;
    $('#user-login').textContent = session.login;
    $('#account').hidden = false;
    $('#login-view').hidden = true;
    $('#panel-view').hidden = false;
    await loadKeys();
    await loadHistory(0);
}

async function onLogin(event) {
    event.preventDefault();
    const error = $('#login-error');
    showError(error, '');
    try {
        const session = await api('POST', '/api/session', {login: $('#login').value, password: $('#password').value});
        $('#password').value = '';
        await showPanel(session);
    } catch (e) {
        showError(error, e.message);
    }
}

async function onLogout() {
    await api('DELETE', '/api/session').catch(() => null);
    state.created = null;
    showLogin();
}

// ---- keys ---------------------------------------------------------------------------------------------------------

async function loadKeys() {
    state.keys = await api('GET', '/api/keys');
    if (state.created && !state.keys.some(k => k.id === state.created.id)) {
        state.created = null;
    }
    renderKeys();
    renderHistoryKeys();
    renderSnippet();
}

function renderKeys() {
    const body = $('#keys-table tbody');
    body.replaceChildren(...state.keys.map(keyRow));
    $('#keys-empty').hidden = state.keys.length > 0;
}

function keyRow(key) {
    const row = document.createElement('tr');
    row.dataset.keyId = key.id;
    const name = document.createElement('td');
    const strong = document.createElement('span');
    strong.className = 'key-name';
    strong.textContent = key.name;
    const apiKey = document.createElement('span');
    apiKey.className = 'key-id mono';
    apiKey.textContent = key.apiKey;
    name.append(strong);
    if (key.pausedAt) {
        const badge = document.createElement('span');
        badge.className = 'badge badge-paused';
        badge.textContent = 'Paused';
        badge.title = 'Paused ' + formatDate(key.pausedAt) + ': alerts with this key are refused (403)';
        name.append(badge);
        row.classList.add('paused');
    }
    name.append(apiKey);
    name.dataset.label = 'Webhook name';
    const created = cell(formatDate(key.createdAt), 'created');
    created.dataset.label = 'Created';
    created.title = key.createdAt;
    const expires = key.expiresAt ? cell(formatDate(key.expiresAt), 'expires') : cell('No expiration', 'expires no-expiry');
    if (key.expiresAt) {
        expires.title = key.expiresAt;
    }
    expires.dataset.label = 'Expires';
    const actions = cell('', 'col-action');
    const pause = actionButton(key.pausedAt ? 'Resume' : 'Pause', key.pausedAt ? 'resume' : 'pause',
        (key.pausedAt ? 'Resume ' : 'Pause ') + key.name, () => setPaused(key, !key.pausedAt));
    const limits = actionButton('Limits', 'limits', 'Limits of ' + key.name, () => openLimits(key));
    const remove = actionButton('Delete', 'btn-danger delete', 'Delete ' + key.name, () => deleteKey(key));
    actions.append(pause, limits, remove);
    row.append(name, created, expires, actions);
    return row;
}

async function onCreate(event) {
    event.preventDefault();
    const error = $('#create-error');
    showError(error, '');
    const body = {name: $('#key-name').value};
    const expires = $('#key-expires').value;
    if (expires) {
        body.expiresAt = new Date(expires).toISOString();
    }
    const button = $('#create-key');
    button.disabled = true;
    try {
        const key = await api('POST', '/api/keys', body);
        state.created = {id: key.id, apiKey: key.apiKey, webhookUrl: key.webhookUrl};
        $('#key-name').value = '';
        $('#key-expires').value = '';
        openCreatedDialog(key);
        await loadKeys();
    } catch (e) {
        showError(error, e.message);
    } finally {
        button.disabled = false;
    }
}

async function deleteKey(key) {
    if (!window.confirm(`Delete the webhook key "${key.name}"? Alerts using it will be refused at once.`)) {
        return;
    }
    try {
        await api('DELETE', '/api/keys/' + encodeURIComponent(key.id));
    } catch (e) {
        if (e.status !== 404) {
            showError($('#create-error'), e.message);
            return;
        }
    }
    await loadKeys();
}

async function setPaused(key, paused) {
    try {
        await api('POST', `/api/keys/${encodeURIComponent(key.id)}/${paused ? 'pause' : 'resume'}`);
    } catch (e) {
        showError($('#create-error'), e.message);
    }
    await loadKeys();
}

async function setAllPaused(paused) {
    if (paused && !window.confirm('Pause every webhook key? Alerts will be refused until you resume them.')) {
        return;
    }
    try {
        await api('POST', paused ? '/api/keys/pause-all' : '/api/keys/resume-all');
    } catch (e) {
        showError($('#create-error'), e.message);
    }
    await loadKeys();
}

// ---- a key's limits ----------------------------------------------------------------------------------------------

const TRADINGVIEW = 'tradingview';

function checked(container) {
    return $$('input[type=checkbox]', container).filter(box => box.checked).map(box => box.value);
}

function tick(container, values) {
    for (const box of $$('input[type=checkbox]', container)) {
        box.checked = (values || []).includes(box.value);
    }
}

async function openLimits(key) {
    state.limitsKey = key;
    $('#limits-key-name').textContent = key.name;
    showError($('#limits-error'), '');
    const accounts = $('#limits-accounts');
    accounts.replaceChildren(...state.session.accounts.map(account => {
        const label = document.createElement('label');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.value = account;
        label.append(box, ' ' + account);
        return label;
    }));
    let limits;
    try {
        limits = await api('GET', `/api/keys/${encodeURIComponent(key.id)}/limits`);
    } catch (e) {
        showError($('#create-error'), e.message);
        return;
    }
    tick(accounts, limits.accounts);
    tick($('#limits-actions'), limits.actions);
    $('#limits-max-qty').value = limits.maxQty ?? '';
    $('#limits-orders-per-day').value = limits.ordersPerDay ?? '';
    const sources = limits.sources || [];
    $('#limits-tradingview').checked = sources.some(s => s.toLowerCase() === TRADINGVIEW);
    $('#limits-sources').value = sources.filter(s => s.toLowerCase() !== TRADINGVIEW).join(', ');
    const hours = limits.tradingWindow;
    $('#limits-window-on').checked = Boolean(hours);
    tick($('#limits-days'), hours ? hours.days : ['MON', 'TUE', 'WED', 'THU', 'FRI']);
    $('#limits-from').value = hours ? hours.from : '09:30';
    $('#limits-to').value = hours ? hours.to : '16:00';
    $('#limits-zone').value = hours ? hours.timeZone : Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    renderWindowFields();
    $('#limits-dialog').showModal();
}

function renderWindowFields() {
    $('#limits-window').hidden = !$('#limits-window-on').checked;
}

function numberOrNull(text) {
    return text.trim() === '' ? null : Number(text);
}

function limitsFromForm() {
    const accounts = checked($('#limits-accounts'));
    const actions = checked($('#limits-actions'));
    const sources = $('#limits-sources').value.split(',').map(s => s.trim()).filter(Boolean);
    if ($('#limits-tradingview').checked) {
        sources.unshift(TRADINGVIEW);
    }
    return {
        accounts: accounts.length ? accounts : null,
        actions: actions.length ? actions : null,
        maxQty: numberOrNull($('#limits-max-qty').value),
        sources: sources.length ? sources : null,
        ordersPerDay: numberOrNull($('#limits-orders-per-day').value),
        tradingWindow: $('#limits-window-on').checked ? {
            days: checked($('#limits-days')), from: $('#limits-from').value, to: $('#limits-to').value,
            timeZone: $('#limits-zone').value.trim(),
        } : null,
    };
}

async function onSaveLimits(event) {
    event.preventDefault();
    const error = $('#limits-error');
    showError(error, '');
    try {
        await api('PUT', `/api/keys/${encodeURIComponent(state.limitsKey.id)}/limits`, limitsFromForm());
        $('#limits-dialog').close();
    } catch (e) {
        showError(error, e.message);
    }
}

// ---- the one-time pop-up ------------------------------------------------------------------------------------------

function openCreatedDialog(key) {
    for (const row of $$('#created-dialog .secret-row')) {
        const input = $('.secret-value', row);
        input.value = key[row.dataset.field] || '';
        setVisible(row, row.dataset.field === 'name');
        resetCopy($('.copy', row));
    }
    $('#created-dialog').showModal();
}

function setVisible(row, visible) {
    $('.secret-value', row).type = visible ? 'text' : 'password';
    const toggle = $('.toggle', row);
    toggle.textContent = visible ? 'Hide' : 'Show';
    toggle.setAttribute('aria-label', visible ? 'Hide' : 'Show');
    toggle.setAttribute('aria-pressed', String(visible));
}

function closeCreatedDialog() {
    // the secrets leave the page with the pop-up, the snippet's webhook URL included: the spec promises that
    // after closing this window the generated keys are no longer displayed
    for (const input of $$('#created-dialog .secret-value')) {
        input.value = '';
    }
    state.created = null;
    renderSnippet();
    $('#created-dialog').close();
}

async function copyText(text, button) {
    try {
        await navigator.clipboard.writeText(text);
    } catch (e) {
        // clipboard API refused (no permission or not a secure context): the selection fallback
        const area = document.createElement('textarea');
        area.value = text;
        document.body.append(area);
        area.select();
        document.execCommand('copy');
        area.remove();
    }
    button.textContent = 'Copied';
    button.classList.add('copied');
    window.setTimeout(() => resetCopy(button), 2000);
}

function resetCopy(button) {
    button.textContent = 'Copy';
    button.classList.remove('copied');
}

// ---- code snippets ------------------------------------------------------------------------------------------------

// Messages as pasted into TradingView: {{timenow}} (filled in by TradingView at each alert) makes two genuine signals
// with the same order distinct, so they are never taken for one resend, and lets stale signals be refused.
const TIMENOW = '{{timenow}}';
const EXAMPLES = {
    place: account => ({
        action: 'place', accountName: account, symbol: 'ABC', symbolType: 'CRYPTO', type: 'Limit', qty: 5,
        side: 'buy', price: 34, timestamp: TIMENOW,
    }),
    modify: account => ({action: 'modify', accountName: account, orderId: 3188861, price: 35, qty: 10, timestamp: TIMENOW}),
    cancel: account => ({action: 'cancel', accountName: account, orderId: 3188861, timestamp: TIMENOW}),
    // a strategy's alert: TradingView fills in the symbol, the side and the size of each order the strategy makes
    strategy: account => ({
        action: 'place', accountName: account, symbol: '{{ticker}}', type: 'Market',
        qty: '{{strategy.order.contracts}}', side: '{{strategy.order.action}}', timestamp: TIMENOW,
    }),
};

const NOTES = {
    place: 'Places an order. The answer carries the orderId that Modify and Cancel need.',
    modify: 'Modifies a working order: replace 3188861 with the orderId the place answer returned.',
    cancel: 'Cancels a working order: replace 3188861 with the orderId the place answer returned.',
    strategy: 'For a Pine strategy\'s alerts ("Order fills" or "alert() function calls"): TradingView fills in '
        + '{{ticker}}, {{strategy.order.action}} (buy or sell) and {{strategy.order.contracts}} at each order. '
        + 'The curl command and the test alert use sample values instead.',
};

// what TradingView would put in place of its placeholders, for the curl command and the test alert
const SAMPLES = {'{{ticker}}': 'ABC', '{{strategy.order.action}}': 'buy', '{{strategy.order.contracts}}': '1'};

function withSamples(message) {
    let text = JSON.stringify(message);
    for (const [placeholder, sample] of Object.entries(SAMPLES)) {
        text = text.replaceAll(placeholder, sample);
    }
    return text;
}

function snippetUrl() {
    const base = state.session ? state.session.webhookBaseUrl : location.origin + '/webhook';
    if (state.created) {
        return {url: state.created.webhookUrl, complete: true};
    }
    const key = state.keys[0];
    return {url: `${base}/${key ? key.apiKey : '<apiKey>'}/<secretKey>`, complete: false};
}

function shellQuote(text) {
    return "'" + text.replaceAll("'", "'\\''") + "'";
}

function renderSnippet() {
    const account = state.session && state.session.accounts.length ? state.session.accounts[0] : '<accountName>';
    const message = EXAMPLES[state.action](account);
    const {url, complete} = snippetUrl();
    $('#snippet-json').textContent = JSON.stringify(message, null, 2);
    // in the shell, the current time stands in for {{timenow}}
    const body = shellQuote(withSamples(message)).replace(`"${TIMENOW}"`, `"'"$(date -u +%Y-%m-%dT%H:%M:%SZ)"'"`);
    $('#snippet-curl').textContent = `curl -X POST ${shellQuote(url)} \\\n`
        + `  -H 'Content-Type: application/json' \\\n`
        + `  -d ${body}`;
    $('#snippet-note').textContent = NOTES[state.action] + ' '
        + (complete ? 'This is the webhook URL of the key you have just created; it is not shown again once the pop-up is closed.'
            : 'Replace <secretKey> with the secret key shown when the key was created.');
    for (const tab of $$('.tab')) {
        tab.setAttribute('aria-selected', String(tab.dataset.action === state.action));
    }
    $('#send-test-alert').disabled = state.keys.length === 0;
}

// ---- test alerts --------------------------------------------------------------------------------------------------

/** The Message of the open tab, as TradingView would send it, as a dry run with the key the snippet shows. */
async function sendTestAlert() {
    const key = state.created ? state.keys.find(k => k.id === state.created.id) : state.keys[0];
    if (!key) {
        return;
    }
    const account = state.session.accounts.length ? state.session.accounts[0] : '<accountName>';
    const message = JSON.parse(withSamples(EXAMPLES[state.action](account))
        .replace(`"${TIMENOW}"`, JSON.stringify(new Date().toISOString())));
    const response = await fetch(`/api/keys/${encodeURIComponent(key.id)}/test-alert`, {
        method: 'POST', credentials: 'same-origin', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify(message),
    });
    if (response.status === 401) {
        showLogin();
        return;
    }
    const answer = await response.json().catch(() => null);
    $('#test-alert').hidden = false;
    const status = $('#test-alert-status');
    status.textContent = `${response.status} · ${key.name}`;
    status.className = 'status ' + (response.ok ? 'status-ok' : 'status-error');
    $('#test-alert-answer').textContent = answer ? JSON.stringify(answer, null, 2) : '';
    await loadHistory(0);
}

// ---- request history ----------------------------------------------------------------------------------------------

function renderHistoryKeys() {
    const select = $('#history-key');
    const chosen = select.value;
    const options = state.keys.map(key => {
        const option = document.createElement('option');
        option.value = key.id;
        option.textContent = key.name;
        return option;
    });
    const all = document.createElement('option');
    all.value = '';
    all.textContent = 'All keys';
    select.replaceChildren(all, ...options);
    select.value = state.keys.some(k => String(k.id) === chosen) ? chosen : '';
}

async function loadHistory(offset) {
    const params = new URLSearchParams({limit: state.historyLimit, offset});
    const filters = {keyId: $('#history-key').value, action: $('#history-action').value,
        status: $('#history-status').value.trim()};
    for (const [name, value] of Object.entries(filters)) {
        if (value) {
            params.set(name, value);
        }
    }
    const error = $('#history-error');
    showError(error, '');
    try {
        const page = await api('GET', '/api/requests?' + params);
        state.historyOffset = offset;
        $('#history-table tbody').replaceChildren(...page.items.map(historyRow));
        $('#history-empty').hidden = page.items.length > 0;
        $('#history-prev').disabled = offset === 0;
        $('#history-next').disabled = !page.hasMore;
    } catch (e) {
        showError(error, e.message);
    }
}

function historyRow(entry) {
    const row = document.createElement('tr');
    const received = cell(formatDate(entry.receivedAt));
    received.title = entry.receivedAt;
    const status = cell(String(entry.status), 'status ' + (entry.status < 300 ? 'status-ok' : 'status-error'));
    const result = cell(entry.outcome === 'ok' ? 'ok' : entry.errmsg || entry.outcome);
    row.append(received, cell(entry.keyName || entry.apiKey || ''), cell(entry.action || ''),
        cell(entry.accountName || ''), status, result, cell(entry.orderId || '', 'mono'));
    // a row opens to the request in full
    row.className = 'clickable';
    row.tabIndex = 0;
    row.dataset.requestId = entry.id;
    row.title = 'Show what arrived and what became of it';
    row.addEventListener('click', () => openRequest(entry.id));
    row.addEventListener('keydown', event => {
        if (event.key === 'Enter') {
            openRequest(entry.id);
        }
    });
    return row;
}

const STAGES = {
    received: 'Received', checked: 'Checks passed', admitted: 'Admitted (rate limit, resend safety)',
    broker: 'Broker answered', answered: 'Answered',
};

function pretty(value, missing) {
    return value === null || value === undefined ? missing : JSON.stringify(value, null, 2);
}

async function openRequest(id) {
    let detail;
    try {
        detail = await api('GET', '/api/requests/' + encodeURIComponent(id));
    } catch (e) {
        showError($('#history-error'), e.message);
        return;
    }
    $('#request-summary').textContent = `${detail.action || ''} · ${detail.status} · ${formatDate(detail.receivedAt)}`;
    $('#request-result').textContent = (detail.keyName || detail.apiKey || '') + ' · '
        + (detail.outcome === 'ok' ? 'ok' : detail.errmsg || detail.outcome)
        + (detail.sourceAddress ? ' · from ' + detail.sourceAddress : '');
    $('#request-body').textContent = detail.body === null || detail.body === undefined
        ? '(not kept: the request was refused before its body was read)' : detail.body;
    $('#request-order').textContent = pretty(detail.order, '(not reached: refused before every check passed)');
    $('#request-broker').textContent = pretty(detail.brokerAnswer,
        detail.outcome === 'dry-run' ? '(a dry run: nothing was sent to the broker)' : '(no answer from the broker)');
    const stages = detail.stagesMs || {};
    $('#request-stages tbody').replaceChildren(...Object.entries(stages).map(([stage, ms]) => {
        const row = document.createElement('tr');
        row.append(cell(STAGES[stage] || stage), cell(ms.toFixed(2), 'mono'));
        return row;
    }));
    $('#request-dialog').showModal();
}

// ---- wiring -------------------------------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', async () => {
    $('#login-form').addEventListener('submit', onLogin);
    $('#logout').addEventListener('click', onLogout);
    $('#create-form').addEventListener('submit', onCreate);
    $('#pause-all').addEventListener('click', () => setAllPaused(true));
    $('#limits-form').addEventListener('submit', onSaveLimits);
    $('#limits-cancel').addEventListener('click', () => $('#limits-dialog').close());
    $('#limits-window-on').addEventListener('change', renderWindowFields);
    $('#resume-all').addEventListener('click', () => setAllPaused(false));
    $('#close-dialog').addEventListener('click', closeCreatedDialog);
    $('#created-dialog').addEventListener('cancel', event => {
        event.preventDefault();
        closeCreatedDialog();
    });
    for (const row of $$('#created-dialog .secret-row')) {
        $('.toggle', row).addEventListener('click', () => setVisible(row, $('.secret-value', row).type === 'password'));
        $('.copy', row).addEventListener('click', event => copyText($('.secret-value', row).value, event.currentTarget));
    }
    for (const tab of $$('.tab')) {
        tab.addEventListener('click', () => {
            state.action = tab.dataset.action;
            renderSnippet();
        });
    }
    for (const button of $$('.copy-snippet')) {
        button.addEventListener('click', () => copyText($('#' + button.dataset.target).textContent, button));
    }
    $('#send-test-alert').addEventListener('click', sendTestAlert);
    $('#request-close').addEventListener('click', () => $('#request-dialog').close());
    $('#history-refresh').addEventListener('click', () => loadHistory(0));
    $('#history-filters').addEventListener('change', () => loadHistory(0));
    $('#history-filters').addEventListener('submit', event => {
        event.preventDefault();
        loadHistory(0);
    });
    $('#history-prev').addEventListener('click', () => loadHistory(Math.max(0, state.historyOffset - state.historyLimit)));
    $('#history-next').addEventListener('click', () => loadHistory(state.historyOffset + state.historyLimit));
    renderSnippet();

    try {
        await showPanel(await api('GET', '/api/session'));
    } catch (e) {
        showLogin();
    }
});
