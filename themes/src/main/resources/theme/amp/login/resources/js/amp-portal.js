// The AMP portal: one page over AMP's user API (/realms/{realm}/amp/...). It signs in with the public
// client through the authorization code flow with PKCE, keeps its tokens in memory only, and asks the
// API for everything it shows: each section appears only where the API answers the signed-in user, and
// every refusal is the API's, shown in its words. No framework, no build step: DOM built from text nodes
// (never innerHTML), PatternFly 5 classes from Keycloak's common theme.

const config = document.body.dataset;
const OIDC = `${config.realmUrl}/protocol/openid-connect`;
const API = `${config.realmUrl}/amp/`;
const LEVELS = { 10: 'Department Viewer', 20: 'Department Admin', 30: 'Account Admin' };
const ROLE_NAMES = { 'account-admin': 'Account Admin', 'department-admin': 'Department Admin', 'department-viewer': 'Department Viewer' };

// ---------------------------------------------------------------- the DOM

/** An element with attributes, properties (on* are listeners) and children (strings become text nodes). */
function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name.startsWith('on')) {
            element.addEventListener(name.substring(2), value);
        } else if (name === 'value' || name === 'checked' || name === 'selected') {
            element[name] = value;
        } else {
            element.setAttribute(name, value === true ? '' : value);
        }
    }
    append(element, ...children);
    return element;
}

function append(element, ...children) {
    for (const child of children.flat(Infinity)) {
        if (child !== undefined && child !== null && child !== false) {
            element.append(child instanceof Node ? child : document.createTextNode(String(child)));
        }
    }
}

let ids = 0;
const uid = prefix => `${prefix}-${++ids}`;

function button(label, onclick, variant = 'secondary', extra = {}) {
    return h('button', { type: 'button', class: `pf-v5-c-button pf-m-${variant}`, onclick, ...extra }, label);
}

function link(label, hash, extra = {}) {
    return h('a', { href: hash, class: 'pf-v5-c-button pf-m-link pf-m-inline', ...extra }, label);
}

function title(level, text, extra = {}) {
    const size = { 1: 'pf-m-2xl', 2: 'pf-m-xl', 3: 'pf-m-lg' }[level];
    return h(`h${level}`, { class: `pf-v5-c-title ${size}`, ...extra }, text);
}

function section(heading, ...children) {
    const id = uid('section');
    return h('section', { class: 'amp-section', 'aria-labelledby': id }, title(2, heading, { id }), ...children);
}

/** A labelled form field: the label names the control, a hint below it says what is expected. */
function field(label, control, hint) {
    control.id = control.id || uid('field');
    const group = h('div', { class: 'pf-v5-c-form__group' },
        h('div', { class: 'pf-v5-c-form__group-label' },
            h('label', { class: 'pf-v5-c-form__label', for: control.id }, h('span', { class: 'pf-v5-c-form__label-text' }, label),
                control.required ? h('span', { class: 'pf-v5-c-form__label-required', 'aria-hidden': 'true' }, ' *') : null)),
        h('div', { class: 'pf-v5-c-form__group-control' }, control,
            hint ? h('div', { class: 'pf-v5-c-form__helper-text' }, h('div', { class: 'pf-v5-c-helper-text' },
                h('div', { class: 'pf-v5-c-helper-text__item' }, h('span', { class: 'pf-v5-c-helper-text__item-text' }, hint)))) : null));
    return group;
}

function input(attributes = {}) {
    const type = attributes.type || 'text';
    const control = h('input', { type, ...attributes });
    return h('span', { class: 'pf-v5-c-form-control', 'data-control': '' }, control);
}

/** The input inside a form-control wrapper (PatternFly wraps each control). */
const inner = wrapper => wrapper.querySelector('input, select, textarea') || wrapper;

function wrapped(label, wrapper, hint) {
    const control = inner(wrapper);
    control.id = control.id || uid('field');
    const group = field(label, control, hint);
    group.querySelector('.pf-v5-c-form__group-control').replaceChild(wrapper, control);
    wrapper.prepend(control);
    return group;
}

function textInput(label, attributes = {}, hint) {
    return wrapped(label, input(attributes), hint);
}

function select(label, options, attributes = {}, hint) {
    const control = h('select', attributes, options.map(([value, text]) => h('option', { value }, text)));
    return wrapped(label, h('span', { class: 'pf-v5-c-form-control' }, control), hint);
}

function textarea(label, attributes = {}, hint) {
    return wrapped(label, h('span', { class: 'pf-v5-c-form-control pf-m-resize-vertical' }, h('textarea', { rows: 3, ...attributes })), hint);
}

/** A checkbox with its label. */
function checkbox(label, attributes = {}) {
    const id = uid('check');
    return h('div', { class: 'pf-v5-c-check' },
        h('input', { class: 'pf-v5-c-check__input', type: 'checkbox', id, ...attributes }),
        h('label', { class: 'pf-v5-c-check__label', for: id }, label));
}

/** PatternFly's switch: a checkbox with role switch, so it is read as on or off and toggled with Space. */
function toggle(label, checked, onchange) {
    const id = uid('switch');
    const control = h('input', { class: 'pf-v5-c-switch__input', type: 'checkbox', role: 'switch', id, checked, 'aria-label': label, onchange });
    return h('label', { class: 'pf-v5-c-switch', for: id }, control,
        h('span', { class: 'pf-v5-c-switch__toggle' }),
        h('span', { class: 'pf-v5-c-switch__label pf-m-on', 'aria-hidden': 'true' }, 'On'),
        h('span', { class: 'pf-v5-c-switch__label pf-m-off', 'aria-hidden': 'true' }, 'Off'));
}

/**
 * A table that becomes a stack of cards on a phone-sized screen (PatternFly's grid-md): each cell carries
 * its column's name. {@code columns} are [name, value(row)] pairs; an empty list says {@code empty}.
 */
function table(caption, columns, rows, empty = 'Nothing here yet.') {
    if (!rows.length) {
        return h('p', { class: 'amp-muted' }, empty);
    }
    return h('div', { class: 'amp-table-wrap' }, h('table', { class: 'pf-v5-c-table pf-m-grid-md pf-m-compact', role: 'grid' },
        h('caption', { class: 'pf-v5-screen-reader' }, caption),
        h('thead', { class: 'pf-v5-c-table__thead' }, h('tr', { class: 'pf-v5-c-table__tr' },
            columns.map(([name]) => h('th', { class: 'pf-v5-c-table__th', scope: 'col' }, name)))),
        h('tbody', { class: 'pf-v5-c-table__tbody' }, rows.map(row => h('tr', { class: 'pf-v5-c-table__tr' },
            columns.map(([name, value]) => h('td', { class: 'pf-v5-c-table__td', 'data-label': name }, value(row))))))));
}

/** A form in one row where it fits (a name, a comment); {@link stackedForm} for the longer ones. */
function form(onsubmit, ...children) {
    return formOf('pf-v5-c-form amp-inline-form', onsubmit, children);
}

function stackedForm(onsubmit, ...children) {
    return formOf('pf-v5-c-form amp-stacked-form', onsubmit, children);
}

function formOf(classes, onsubmit, children) {
    return h('form', {
        class: classes, novalidate: true, onsubmit: event => {
            event.preventDefault();
            onsubmit(event.target);
        },
    }, ...children);
}

function submit(label, variant = 'primary') {
    return h('div', { class: 'pf-v5-c-form__group pf-m-action' }, h('button', { type: 'submit', class: `pf-v5-c-button pf-m-${variant}` }, label));
}

function time(millis) {
    return millis ? new Date(millis).toLocaleString() : '—';
}

// ---------------------------------------------------------------- messages

/** Shows a message; an error takes the focus, so a keyboard or screen-reader user hears it at once. */
function notify(kind, text) {
    const alerts = document.getElementById('amp-alerts');
    const variant = { success: 'pf-m-success', danger: 'pf-m-danger', info: 'pf-m-info' }[kind];
    const alert = h('div', { class: `pf-v5-c-alert pf-m-inline ${variant} amp-card`, role: kind === 'danger' ? 'alert' : 'status', tabindex: '-1' },
        h('p', { class: 'pf-v5-c-alert__title' }, h('span', { class: 'pf-v5-screen-reader' }, `${kind === 'danger' ? 'Error' : 'Note'}: `), text),
        h('div', { class: 'pf-v5-c-alert__action' }, button('Dismiss', () => alert.remove(), 'plain', { 'aria-label': 'Dismiss this message' })));
    alerts.replaceChildren(alert);
    if (kind === 'danger') {
        alert.focus();
    }
}

function clearMessages() {
    document.getElementById('amp-alerts').replaceChildren();
}

/** Runs an action from a control: disabled while it runs, then the view is drawn again and the outcome said. */
async function act(control, action, success) {
    if (control) {
        control.disabled = true;
    }
    try {
        await action();
        await render();
        if (success) {
            notify('success', success);
        }
    } catch (error) {
        notify('danger', describe(error));
        if (control) {
            control.disabled = false;
        }
    }
}

function describe(error) {
    if (error instanceof ApiError) {
        return `${error.message} (HTTP ${error.status})`;
    }
    return `Something failed: ${error.message}`;
}

// ---------------------------------------------------------------- signing in (authorization code with PKCE)

let tokens = null;

const base64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

async function signIn() {
    const verifier = random();
    const state = random();
    const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    sessionStorage.setItem('amp.portal.login', JSON.stringify({ verifier, state, hash: location.hash }));
    const parameters = new URLSearchParams({
        client_id: config.clientId, response_type: 'code', scope: 'openid', redirect_uri: config.portalUrl,
        state, code_challenge: challenge, code_challenge_method: 'S256',
    });
    location.assign(`${OIDC}/auth?${parameters}`);
}

/** Back from Keycloak: the code is exchanged once, its state checked, and the address cleaned of both. */
async function completeSignIn(parameters) {
    const pending = JSON.parse(sessionStorage.getItem('amp.portal.login') || 'null');
    sessionStorage.removeItem('amp.portal.login');
    history.replaceState(null, '', config.portalUrl + (pending?.hash || ''));
    if (parameters.has('error')) {
        throw new Error(`Keycloak refused the sign-in: ${parameters.get('error_description') || parameters.get('error')}`);
    }
    if (!pending || pending.state !== parameters.get('state')) {
        throw new Error('The sign-in answer does not belong to this page; sign in again.');
    }
    await tokenRequest({
        grant_type: 'authorization_code', code: parameters.get('code'), redirect_uri: config.portalUrl,
        client_id: config.clientId, code_verifier: pending.verifier,
    });
}

async function tokenRequest(parameters) {
    const response = await fetch(`${OIDC}/token`, {
        method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(parameters),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
        throw new ApiError(response.status, body.error_description || body.error || response.statusText);
    }
    tokens = {
        access: body.access_token, refresh: body.refresh_token, id: body.id_token,
        expiresAt: Date.now() + (body.expires_in - 10) * 1000, claims: claims(body.access_token),
    };
}

function claims(jwt) {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent([...atob(part)].map(c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join('')));
}

async function freshToken() {
    if (tokens && Date.now() >= tokens.expiresAt && tokens.refresh) {
        try {
            await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh, client_id: config.clientId });
        } catch (error) {
            tokens = null;
        }
    }
    if (!tokens) {
        await signIn();
        throw new Error('Signing in again');
    }
    return tokens.access;
}

function signOut() {
    const parameters = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: config.portalUrl });
    if (tokens?.id) {
        parameters.set('id_token_hint', tokens.id);
    }
    tokens = null;
    location.assign(`${OIDC}/logout?${parameters}`);
}

// ---------------------------------------------------------------- the API

class ApiError extends Error {
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}

async function api(method, path, body) {
    const headers = { Accept: 'application/json', Authorization: `Bearer ${await freshToken()}` };
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 204) {
        return null;
    }
    const text = await response.text();
    let json = null;
    try {
        json = text ? JSON.parse(text) : null;
    } catch (ignored) {
        // an answer that is not JSON is described by its status below
    }
    if (!response.ok) {
        throw new ApiError(response.status, json?.errorMessage || json?.error || response.statusText || 'The server refused');
    }
    return json;
}

const get = path => api('GET', path);
const post = (path, body) => api('POST', path, body);
const put = (path, body) => api('PUT', path, body);
const remove = path => api('DELETE', path);
/**
 * A path segment from an id or key of the address. '.' and '..' (encoded or not, URLs resolve them)
 * would step to another API path: no id or key is either, so they are refused here.
 */
function enc(value) {
    if (/^\.{1,2}$/.test(value)) {
        throw new Error(`'${value}' is not an id or key`);
    }
    return encodeURIComponent(value);
}

/** A GET whose refusal (403, 404) only means "not for this user": null then. Other failures are said. */
async function probe(path) {
    try {
        return await get(path);
    } catch (error) {
        if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
            return null;
        }
        throw error;
    }
}

// ---------------------------------------------------------------- who the user is, and what they may open

const user = {};

async function discover() {
    const token = tokens.claims;
    user.username = token.preferred_username;
    user.name = [token.given_name, token.family_name].filter(Boolean).join(' ') || user.username;
    const realmRoles = token.realm_access?.roles || [];
    const managementRoles = token.resource_access?.['realm-management']?.roles || [];
    user.realmAdmin = managementRoles.includes('realm-admin') || managementRoles.includes('manage-users');
    const [me, options, systems] = await Promise.all([probe('consultant-access/me'), probe('requests/options'),
        probe('elevations/break-the-glass/systems')]);
    user.level = me?.accessLevel ?? null;
    user.consultant = !!me?.consultant;
    user.options = options;
    user.systems = systems || [];
    const managesAccounts = user.realmAdmin || (user.level !== null);
    const [accounts, mySites, groups, pending, all, btgPending, active] = await Promise.all([
        managesAccounts ? probe('consultant-access/accounts') : null,
        user.consultant ? probe('consultant-access/me/sites?first=0&max=100') : null,
        managesAccounts ? probe('consultant-access/consultant-groups') : null,
        realmRoles.includes('access-approver') ? probe('requests/pending') : null,
        user.realmAdmin && options?.departments?.length ? probe('requests/all?max=1') : null,
        user.systems.length ? probe('elevations/break-the-glass/pending') : null,
        user.realmAdmin && user.systems.length ? probe('elevations/active') : null,
    ]);
    user.may = {
        accounts: !!accounts && (accounts.length > 0 || user.realmAdmin),
        mySites: !!mySites && mySites.sites.length > 0,
        groups: !!groups,
        request: !!options?.departments?.length && !!options?.systems?.length,
        approve: !!pending,
        allRequests: !!all,
        breakTheGlass: user.systems.length > 0,
        review: !!btgPending,
        running: !!active,
    };
}

const routes = [
    { path: 'accounts', label: 'Account Management', may: () => user.may.accounts, view: accountsView },
    { path: 'account', parent: 'accounts', may: () => user.may.accounts, view: accountView },
    { path: 'my-sites', label: 'My sites', may: () => user.may.mySites, view: mySitesView },
    { path: 'site', parent: () => (user.may.accounts ? 'accounts' : 'my-sites'), may: () => user.may.accounts || user.may.mySites, view: siteView },
    { path: 'groups', label: 'Consultant groups', may: () => user.may.groups, view: groupsView },
    { path: 'request', label: 'Request access', may: () => user.may.request, view: requestView },
    { path: 'approvals', label: 'Approvals', may: () => user.may.approve, view: approvalsView },
    { path: 'all-requests', label: 'All requests', may: () => user.may.allRequests, view: allRequestsView },
    { path: 'break-the-glass', label: 'Break the glass', may: () => user.may.breakTheGlass, view: breakTheGlassView },
    { path: 'reviews', label: 'Reviews', may: () => user.may.review, view: reviewsView },
    { path: 'elevations', label: 'Running elevations', may: () => user.may.running, view: runningView },
];

function drawChrome(current) {
    const nav = document.getElementById('amp-nav');
    nav.replaceChildren(...routes.filter(route => route.label && route.may()).map(route =>
        h('a', { href: `#/${route.path}`, 'aria-current': current === route.path ? 'page' : null }, route.label)));
    document.getElementById('amp-user').replaceChildren(
        h('span', { 'data-testid': 'signed-in-as' }, user.name),
        button('Sign out', signOut, 'tertiary', { 'data-testid': 'sign-out' }));
}

let rendering = Promise.resolve();

/** Draws the view the address names (or the first one this user may open), from fresh answers of the API. */
function render() {
    rendering = rendering.then(draw, draw);
    return rendering;
}

async function draw() {
    const [path, ...parameters] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
    const allowed = routes.filter(route => route.may());
    const route = allowed.find(candidate => candidate.path === path) || allowed.find(candidate => candidate.label);
    const view = document.getElementById('amp-view');
    // A page below a section (an account, a site) marks its section as the current one.
    const current = typeof route?.parent === 'function' ? route.parent() : route?.parent || route?.path;
    drawChrome(current);
    if (!route) {
        view.replaceChildren(noAccessView());
        return;
    }
    if (route.path !== path) {
        history.replaceState(null, '', `#/${route.path}`);
    }
    view.dataset.view = route.path;
    try {
        view.replaceChildren(await route.view(...parameters));
    } catch (error) {
        if (error.message === 'Signing in again') {
            return;
        }
        // What the API refused is said in its words, where the page would have been.
        view.replaceChildren(h('div', { class: 'pf-v5-c-empty-state', 'data-testid': 'refused' }, h('div', { class: 'pf-v5-c-empty-state__content' },
            h('div', { class: 'pf-v5-c-empty-state__header' }, title(1, 'This page cannot be shown', { class: 'pf-v5-c-title pf-m-lg' })),
            h('div', { class: 'pf-v5-c-empty-state__body', role: 'alert' }, describe(error)))));
    }
}

function noAccessView() {
    const level = user.level === null ? '' : ` Your access level is ${user.level}${LEVELS[user.level] ? ` (${LEVELS[user.level]})` : ''}.`;
    return h('div', { class: 'pf-v5-c-empty-state', 'data-testid': 'no-access' }, h('div', { class: 'pf-v5-c-empty-state__content' },
        h('div', { class: 'pf-v5-c-empty-state__header' }, title(1, 'You have no access to the AMP portal', { class: 'pf-v5-c-title pf-m-xl' })),
        h('div', { class: 'pf-v5-c-empty-state__body' },
            h('p', {}, `Signed in as ${user.username}, you have nothing to manage, request or review here.${level}`),
            user.level === 10 ? h('p', {}, 'Department Viewers cannot open Account Management; an Account Admin of your account can change your access level.') : null)));
}

// ---------------------------------------------------------------- account management (seed 002)

async function accountsView() {
    const accounts = await get('consultant-access/accounts');
    return section('Account Management',
        h('p', {}, 'Select an account to view or edit.'),
        table('Accounts', [
            ['Account', account => link(account.name, `#/account/${enc(account.id)}`)],
            ['Alias', account => account.alias],
        ], accounts, 'No account is open to you.'));
}

async function accountView(accountId) {
    const path = `consultant-access/accounts/${enc(accountId)}`;
    const [details, departments, sites, users] = await Promise.all([probe(`${path}/details`), get(`${path}/departments`),
        get(`${path}/sites`), probe(`${path}/users`)]);
    const departmentName = id => departments.find(department => department.id === id)?.name || id;
    const accountAdmin = user.realmAdmin || user.level === 30;
    const view = h('div', {});
    append(view, h('nav', { class: 'pf-v5-c-breadcrumb amp-card', 'aria-label': 'Breadcrumb' }, h('ol', { class: 'pf-v5-c-breadcrumb__list' },
        h('li', { class: 'pf-v5-c-breadcrumb__item' }, h('a', { class: 'pf-v5-c-breadcrumb__link', href: '#/accounts' }, 'Account Management')),
        h('li', { class: 'pf-v5-c-breadcrumb__item' }, h('span', { class: 'pf-v5-c-breadcrumb__item-divider' }, '›'),
            h('span', { class: 'pf-v5-c-breadcrumb__link pf-m-current', 'aria-current': 'page' }, details?.name || 'Account')))));
    append(view, title(1, details?.name || 'Account', { class: 'pf-v5-c-title pf-m-2xl amp-card' }));
    if (details?.contract) {
        append(view, section('Current contract', h('p', { 'data-testid': 'contract' }, details.contract),
            h('p', { class: 'amp-muted' }, 'The contract is shown for reference; it cannot be changed here.')));
    }
    const departmentRows = table('Departments', [
        ['Department', department => department.name],
        ['Actions', department => accountAdmin ? renameControl(department.name, name =>
            put(`${path}/departments/${enc(department.id)}`, { name }), `Department renamed to`) : '—'],
    ], departments, 'No department is open to you.');
    append(view, section('Departments', departmentRows, accountAdmin ? form(async target => {
        const name = target.elements.name.value.trim();
        await act(target.querySelector('button'), () => post(`${path}/departments`, { name }), `Department ${name} created.`);
    }, textInput('New department', { name: 'name', required: true, maxlength: 255 }), submit('Create department')) : null));
    append(view, section('Sites', table('Sites', [
        ['Site', site => site.name],
        ['Key', site => h('code', {}, site.key)],
        ['Department', site => departmentName(site.departmentId)],
        ['Access', site => link('Manage access', `#/site/${enc(site.key)}`, { 'aria-label': `Manage access to ${site.name}` })],
    ], sites, 'No site is open to you.')));
    if (users) {
        append(view, usersSection(path, users, departments));
    }
    return view;
}

/** A Rename button that becomes a one-field form in place. */
function renameControl(current, save, said) {
    const holder = h('div', { class: 'amp-actions' });
    const open = () => holder.replaceChildren(form(async target => {
        const name = target.elements.name.value.trim();
        await act(target.querySelector('button[type=submit]'), () => save(name), `${said} ${name}.`);
    }, textInput(`New name for ${current}`, { name: 'name', value: current, required: true, maxlength: 255 }), submit('Save'),
        button('Cancel', () => holder.replaceChildren(start), 'link')));
    const start = button('Rename', open, 'secondary', { 'aria-label': `Rename ${current}` });
    holder.append(start);
    return holder;
}

function roleChoices() {
    const all = [['department-viewer', 'Department Viewer'], ['department-admin', 'Department Admin'], ['account-admin', 'Account Admin']];
    return user.realmAdmin ? all : all.filter(([role]) => ({ 'department-viewer': 10, 'department-admin': 20, 'account-admin': 30 })[role] <= (user.level || 0));
}

function departmentChecks(departments, chosen = []) {
    return h('fieldset', { class: 'pf-v5-c-form__group' }, h('legend', { class: 'pf-v5-c-form__label' }, 'Departments'),
        h('div', { class: 'amp-checks' }, departments.map(department =>
            checkbox(department.name, { name: 'departments', value: department.id, checked: chosen.includes(department.id) }))));
}

/** A body without the text fields left empty: the API takes an absent field as "none" or "unchanged", and refuses a blank one. */
const filled = body => Object.fromEntries(Object.entries(body).filter(([, value]) => value !== ''));

const checked = (target, name) => [...target.querySelectorAll(`input[name=${name}]:checked`)].map(box => box.value);

function usersSection(path, users, departments) {
    const choices = roleChoices();
    const departmentName = id => departments.find(department => department.id === id)?.name;
    const rows = table('Users', [
        ['Username', account => account.username],
        ['Name', account => [account.firstName, account.lastName].filter(Boolean).join(' ')],
        ['Email', account => account.email],
        ['Access level', account => ROLE_NAMES[account.role] || account.role || '—'],
        ['Departments', account => (account.departments || []).map(id => departmentName(id) || 'another department').join(', ') || '—'],
        ['Actions', account => editUserControl(path, account, departments, choices)],
    ], users, 'No user is listed for you.');
    const create = stackedForm(async target => {
        const body = filled({
            username: target.elements.username.value.trim(), email: target.elements.email.value.trim(),
            firstName: target.elements.firstName.value.trim(), lastName: target.elements.lastName.value.trim(),
            role: target.elements.role.value, departments: checked(target, 'departments'),
        });
        await act(target.querySelector('button[type=submit]'), () => post(`${path}/users`, body), `User ${body.username} created.`);
    }, textInput('Username', { name: 'username', required: true, maxlength: 255, autocomplete: 'off' }),
    textInput('Email', { name: 'email', type: 'email', required: true, maxlength: 255, autocomplete: 'off' }),
    textInput('First name', { name: 'firstName', maxlength: 255 }), textInput('Last name', { name: 'lastName', maxlength: 255 }),
    select('Access level', choices, { name: 'role' }), departmentChecks(departments), submit('Create user'));
    return section('Users', rows, choices.length ? h('details', { class: 'amp-card' }, h('summary', {}, 'Create a user'), create) : null);
}

function editUserControl(path, account, departments, choices) {
    const holder = h('div', {});
    const start = button('Edit', () => holder.replaceChildren(form(async target => {
        const body = filled({
            email: target.elements.email.value.trim(), firstName: target.elements.firstName.value.trim(),
            lastName: target.elements.lastName.value.trim(), role: target.elements.role.value, departments: checked(target, 'departments'),
        });
        await act(target.querySelector('button[type=submit]'), () => put(`${path}/users/${enc(account.id)}`, body), `User ${account.username} saved.`);
    }, textInput('Email', { name: 'email', type: 'email', value: account.email || '', maxlength: 255 }),
    textInput('First name', { name: 'firstName', value: account.firstName || '', maxlength: 255 }),
    textInput('Last name', { name: 'lastName', value: account.lastName || '', maxlength: 255 }),
    select('Access level', choices.some(([role]) => role === account.role) ? choices : [[account.role || '', ROLE_NAMES[account.role] || 'none'], ...choices],
        { name: 'role', value: account.role || '' }),
    departmentChecks(departments, account.departments || []), submit('Save'),
    button('Cancel', () => holder.replaceChildren(start), 'link'))), 'secondary', { 'aria-label': `Edit ${account.username}` });
    holder.append(start);
    return holder;
}

// ---------------------------------------------------------------- site access (seed 002: "+ Grant Access", Access, Actions)

async function siteView(siteKey) {
    const path = `consultant-access/sites/${enc(siteKey)}/grants`;
    const [grants, groups] = await Promise.all([get(path), user.may.groups ? probe('consultant-access/consultant-groups') : null]);
    const subject = grant => grant.subject.type === 'group' ? grant.subject.name : grant.subject.email;
    const rows = table(`Access to ${siteKey}`, [
        ['Consultant group or consultant', grant => subject(grant)],
        ['Type', grant => grant.subject.type === 'group' ? 'Consultant group' : 'Consultant'],
        ['Access', grant => toggle(`Access of ${subject(grant)}`, grant.enabled, event =>
            act(event.target, () => put(`${path}/${enc(grant.id)}`, { enabled: event.target.checked }),
                `Access of ${subject(grant)} turned ${event.target.checked ? 'on' : 'off'}.`))],
        ['Granted by', grant => grant.grantedBy || '—'],
        ['Actions', grant => removeControl(`Remove ${subject(grant)}`, () => remove(`${path}/${enc(grant.id)}`), `${subject(grant)} removed from ${siteKey}.`)],
    ], grants, 'No consultant group or consultant has access to this site.');
    const grantForm = h('div', { class: 'amp-card', hidden: true, id: 'amp-grant-form' }, form(async target => {
        const kind = target.elements.kind.value;
        const body = kind === 'group' ? { group: target.elements.group.value.trim() } : { email: target.elements.email.value.trim() };
        await act(target.querySelector('button[type=submit]'), () => post(path, body),
            `Access granted to ${body.group || body.email}.`);
    }, h('fieldset', { class: 'pf-v5-c-form__group' }, h('legend', { class: 'pf-v5-c-form__label' }, 'Grant access to'),
        h('div', { class: 'amp-checks' },
            radio('kind', 'group', 'A consultant group', true), radio('kind', 'email', "A consultant, by exact email", false))),
    groups?.length ? select('Consultant group', groups.map(group => [group.path, group.path]), { name: 'group' })
        : textInput('Consultant group', { name: 'group', maxlength: 255 }, 'The group’s name or path'),
    textInput('Consultant’s email', { name: 'email', type: 'email', maxlength: 255, autocomplete: 'off' },
        'Must match the consultant’s portal email exactly'),
    submit('Grant access')));
    const opener = button('+ Grant Access', () => {
        grantForm.hidden = !grantForm.hidden;
        opener.setAttribute('aria-expanded', String(!grantForm.hidden));
        if (!grantForm.hidden) {
            grantForm.querySelector('input, select').focus();
        }
    }, 'link', { 'aria-expanded': 'false', 'aria-controls': 'amp-grant-form', 'data-testid': 'grant-access' });
    return h('div', {}, title(1, `Site ${siteKey}`, { class: 'pf-v5-c-title pf-m-2xl amp-card' }),
        section('Consultant access', h('div', { class: 'amp-toolbar' }, opener), grantForm, rows,
            h('p', { class: 'amp-muted' }, 'Consultant groups keep consultants anonymous and are simpler to manage than single grants.')));
}

function radio(name, value, label, isChecked) {
    const id = uid('radio');
    return h('div', { class: 'pf-v5-c-radio' }, h('input', { class: 'pf-v5-c-radio__input', type: 'radio', name, value, id, checked: isChecked }),
        h('label', { class: 'pf-v5-c-radio__label', for: id }, label));
}

/** Removal in two steps: a destructive action asks once more, in place. */
function removeControl(label, action, said) {
    const holder = h('div', { class: 'amp-actions' });
    const start = button('Remove', () => {
        const confirm = button('Confirm removal', event => act(event.target, action, said), 'danger');
        holder.replaceChildren(confirm, button('Cancel', () => holder.replaceChildren(start), 'link'));
        confirm.focus();
    }, 'secondary', { 'aria-label': label });
    holder.append(start);
    return holder;
}

async function mySitesView() {
    const page = await get('consultant-access/me/sites?first=0&max=100');
    return section('My sites', h('p', {}, 'The sites granted to you. You can grant your colleagues access to these sites.'),
        table('My sites', [
            ['Site', key => h('code', {}, key)],
            ['Access', key => link('Manage access', `#/site/${enc(key)}`, { 'aria-label': `Manage access to ${key}` })],
        ], page.sites, 'No site is granted to you.'));
}

async function groupsView() {
    const groups = await get('consultant-access/consultant-groups');
    const rows = table('Consultant groups', [
        ['Group', group => group.name],
        ['Path', group => h('code', {}, group.path)],
        ['Actions', group => h('div', { class: 'amp-actions' },
            renameControl(group.name, name => put(`consultant-access/consultant-groups/${enc(group.id)}`, { name }), 'Consultant group renamed to'),
            membersControl(group))],
    ], groups, 'No consultant group yet.');
    return section('Consultant groups', h('p', {}, 'Partner and BTT users (access level 80 and above) in groups that sites can be granted to.'),
        rows, form(async target => {
            const name = target.elements.name.value.trim();
            await act(target.querySelector('button'), () => post('consultant-access/consultant-groups', { name }), `Consultant group ${name} created.`);
        }, textInput('New consultant group', { name: 'name', required: true, maxlength: 255 }), submit('Create group')));
}

function membersControl(group) {
    const holder = h('div', {});
    const path = `consultant-access/consultant-groups/${enc(group.id)}/members`;
    const open = async () => {
        try {
            const members = await get(path);
            holder.replaceChildren(h('div', { class: 'pf-v5-c-card amp-card' }, h('div', { class: 'pf-v5-c-card__body' },
                table(`Members of ${group.name}`, [
                    ['Member', member => member.email || member.username],
                    ['Actions', member => removeControl(`Remove ${member.username} from ${group.name}`,
                        () => remove(`${path}/${enc(member.id)}`), `${member.username} removed from ${group.name}.`)],
                ], members, 'No member yet.'),
                form(async target => {
                    const email = target.elements.email.value.trim();
                    await act(target.querySelector('button[type=submit]'), () => post(path, { email }), `${email} added to ${group.name}.`);
                }, textInput('Add a consultant by exact email', { name: 'email', type: 'email', required: true, maxlength: 255 }), submit('Add member'),
                button('Close', () => holder.replaceChildren(start), 'link')))));
        } catch (error) {
            notify('danger', describe(error));
        }
    };
    const start = button('Members', open, 'secondary', { 'aria-label': `Members of ${group.name}` });
    holder.append(start);
    return holder;
}

// ---------------------------------------------------------------- access requests (seed 000)

async function requestView() {
    const options = user.options;
    const mine = await get('requests/mine');
    const rolesHolder = h('div', { class: 'amp-checks', id: 'amp-roles' });
    const formElement = stackedForm(async target => {
        const body = {
            organization: target.elements.organization.value, department: target.elements.department.value,
            system: target.elements.system.value, roles: checked(target, 'roles'), justification: target.elements.justification.value.trim(),
        };
        const subject = target.elements.subject.value.trim();
        if (subject) {
            body.subject = subject;
        }
        if (target.elements.endsAt.value) {
            body.endsAt = new Date(target.elements.endsAt.value).getTime();
        }
        await act(target.querySelector('button[type=submit]'), () => post('requests', body), 'Your request was sent to the approvers.');
    },
    textInput('On behalf of (username)', { name: 'subject', maxlength: 255, autocomplete: 'off' }, 'Leave empty to ask for yourself'),
    select('Organization', options.organizations.map(name => [name, name]), { name: 'organization' }),
    select('Department', options.departments.map(department => [department.key, department.name]), { name: 'department', onchange: () => drawRoles() }),
    select('System', options.systems.map(system => [system.clientId, system.name || system.clientId]), { name: 'system', onchange: () => drawRoles() }),
    h('fieldset', { class: 'pf-v5-c-form__group' }, h('legend', { class: 'pf-v5-c-form__label' }, 'Department roles'), rolesHolder),
    textarea('Justification', { name: 'justification', required: true, maxlength: 1000 }),
    textInput('Ends (optional)', { name: 'endsAt', type: 'datetime-local' }, 'The roles stop counting then'),
    submit('Send request'));
    const department = formElement.elements.department;
    if (options.myDepartments?.length) {
        department.value = options.myDepartments[0];
    }
    function drawRoles() {
        const system = options.systems.find(candidate => candidate.clientId === formElement.elements.system.value);
        const roles = (system?.roles || []).filter(role => !role.departments?.length || role.departments.includes(department.value));
        rolesHolder.replaceChildren(...(roles.length ? roles.map(role => checkbox(role.name, { name: 'roles', value: role.key }))
            : [h('p', { class: 'amp-muted' }, 'This system has no role for this department.')]));
    }
    drawRoles();
    return h('div', {}, section('Request access', formElement), section('My requests', requestsTable(mine, request =>
        request.status === 'pending' && request.requester === user.username
            ? button('Cancel request', event => act(event.target, () => post(`requests/${enc(request.id)}/cancel`), 'Request cancelled.'), 'secondary')
            : '—')));
}

function requestsTable(requests, actions) {
    return table('Access requests', [
        ['Requested', request => time(request.createdAt)],
        ['By', request => request.requester],
        ['For', request => request.subject],
        ['Department', request => request.department],
        ['System', request => request.system],
        ['Roles', request => (request.roles || []).join(', ')],
        ['Justification', request => request.justification],
        ['Status', request => h('span', { class: 'pf-v5-c-label pf-m-compact' }, h('span', { class: 'pf-v5-c-label__content' }, request.status))],
        ['Decision', request => request.decidedBy ? `${request.decidedBy}: ${request.decisionReason || ''}` : '—'],
        ['Actions', actions],
    ], requests, 'No request.');
}

function decisionControl(labelFor, approve, deny, word = 'reason') {
    return form(async target => {
        const text = target.elements.text.value.trim();
        const which = target.dataset.which;
        await act(target.querySelector(`button[data-which=${which}]`), () => (which === 'approve' ? approve : deny)(text),
            which === 'approve' ? 'Approved.' : 'Denied.');
    }, textInput(`${word[0].toUpperCase()}${word.substring(1)} (${labelFor})`, { name: 'text', required: true, maxlength: 1000 }),
    h('div', { class: 'amp-actions' },
        h('button', { type: 'submit', class: 'pf-v5-c-button pf-m-primary', 'data-which': 'approve', onclick: event => { event.target.form.dataset.which = 'approve'; } }, 'Approve'),
        h('button', { type: 'submit', class: 'pf-v5-c-button pf-m-danger', 'data-which': 'deny', onclick: event => { event.target.form.dataset.which = 'deny'; } }, 'Deny')));
}

async function approvalsView() {
    const pending = await get('requests/pending');
    return section('Requests waiting for you', requestsTable(pending, request => decisionControl(`request of ${request.subject}`,
        reason => post(`requests/${enc(request.id)}/approve`, { reason }), reason => post(`requests/${enc(request.id)}/deny`, { reason }))));
}

async function allRequestsView(status = '') {
    const requests = await get(`requests/all${status ? `?status=${enc(status)}` : ''}`);
    const filter = select('Status', [['', 'Any'], ['pending', 'Pending'], ['approved', 'Approved'], ['denied', 'Denied'], ['cancelled', 'Cancelled']],
        { name: 'status', value: status, onchange: event => { location.hash = `#/all-requests/${enc(event.target.value)}`; } });
    return section('All access requests', h('div', { class: 'amp-toolbar' }, filter), requestsTable(requests, request =>
        request.status === 'pending' ? decisionControl(`request of ${request.subject}`,
            reason => post(`requests/${enc(request.id)}/approve`, { reason }), reason => post(`requests/${enc(request.id)}/deny`, { reason })) : '—'));
}

// ---------------------------------------------------------------- break-the-glass and emergency access (seed 001)

function elevationsTable(caption, elevations, actions) {
    return table(caption, [
        ['Kind', elevation => elevation.kind === 'break-the-glass' ? 'Break the glass' : 'Emergency access'],
        ['User', elevation => elevation.user],
        ['System', elevation => elevation.system],
        ['Reason', elevation => elevation.reason],
        ['Status', elevation => elevation.status + (elevation.endCause ? ` (${elevation.endCause})` : '')],
        ['Asked', elevation => time(elevation.requestedAt)],
        ['Ends', elevation => time(elevation.endsAt)],
        ['Review', elevation => elevation.reviewer ? `${elevation.reviewer}: ${elevation.reviewComment || ''}` : '—'],
        ['Actions', actions || (() => '—')],
    ], elevations, 'Nothing here.');
}

async function breakTheGlassView() {
    const mine = await get('elevations/mine');
    const now = Date.now();
    const running = mine.filter(elevation => elevation.status === 'active' && elevation.endsAt > now);
    const view = h('div', {});
    const grantsHolder = h('div', { class: 'pf-v5-c-form__group', 'data-testid': 'elevation-grants' });
    // What an approval grants on the chosen application, with the seed's texts in full.
    function drawGrants(clientId) {
        const system = user.systems.find(candidate => candidate.clientId === clientId);
        grantsHolder.replaceChildren(h('p', { class: 'pf-v5-c-form__label' }, `Once approved, for the time asked, ${system?.name || clientId} grants:`),
            h('dl', { class: 'pf-v5-c-description-list pf-m-compact' }, (system?.grants || []).map(permission =>
                h('div', { class: 'pf-v5-c-description-list__group' },
                    h('dt', { class: 'pf-v5-c-description-list__term' }, h('span', { class: 'pf-v5-c-description-list__text' }, permission.name)),
                    h('dd', { class: 'pf-v5-c-description-list__description' }, h('div', { class: 'pf-v5-c-description-list__text' },
                        permission.whenOn || '', permission.whenOff ? h('details', {}, h('summary', {}, 'Without it'), h('p', {}, permission.whenOff)) : null))))));
    }
    for (const elevation of running) {
        append(view, h('div', { class: 'pf-v5-c-alert pf-m-inline pf-m-warning amp-card', 'data-testid': 'running-elevation' },
            h('p', { class: 'pf-v5-c-alert__title' }, `Elevated on ${elevation.system} until ${time(elevation.endsAt)}`)));
    }
    append(view, section('Break the glass', h('p', {}, 'Ask a reviewer for the elevated permissions on an application, for a stated reason and time.'),
        stackedForm(async target => {
            const body = {
                system: target.elements.system.value, reason: target.elements.reason.value.trim(),
                durationMinutes: Number(target.elements.durationMinutes.value),
            };
            await act(target.querySelector('button[type=submit]'), () => post('elevations/break-the-glass', body), 'Your request was sent to the reviewers.');
        }, select('Application', user.systems.map(system => [system.clientId, system.name || system.clientId]),
            { name: 'system', onchange: event => drawGrants(event.target.value) }),
        grantsHolder,
        textarea('Reason', { name: 'reason', required: true, maxlength: 500 }),
        textInput('Duration (minutes)', { name: 'durationMinutes', type: 'number', min: 1, max: 480, value: 60, required: true }, 'From 1 to 480 minutes, once approved'),
        submit('Ask to break the glass'))));
    append(view, section('My elevations', elevationsTable('My elevations', mine)));
    drawGrants(user.systems[0]?.clientId);
    return view;
}

async function reviewsView() {
    const [pending, emergency, past] = await Promise.all([get('elevations/break-the-glass/pending'), get('elevations/emergency-access'),
        get('elevations/break-the-glass/past')]);
    return h('div', {},
        section('Break-the-glass requests waiting', elevationsTable('Waiting requests', pending, elevation =>
            decisionControl(`request of ${elevation.user}`, comment => post(`elevations/break-the-glass/${enc(elevation.id)}/approve`, { comment }),
                comment => post(`elevations/break-the-glass/${enc(elevation.id)}/deny`, { comment }), 'comment'))),
        section('Emergency accesses', elevationsTable('Emergency accesses', emergency, elevation => elevation.acknowledgedBy
            ? `Acknowledged by ${elevation.acknowledgedBy}`
            : form(async target => {
                const comment = target.elements.comment.value.trim();
                await act(target.querySelector('button[type=submit]'),
                    () => post(`elevations/emergency-access/${enc(elevation.id)}/acknowledge`, comment ? { comment } : {}), 'Acknowledged.');
            }, textInput(`Comment on ${elevation.user}'s access (optional)`, { name: 'comment', maxlength: 1000 }), submit('Acknowledge', 'secondary')))),
        section('Decided requests', elevationsTable('Decided requests', past)));
}

async function runningView() {
    const active = await get('elevations/active');
    return section('Running elevations', elevationsTable('Running elevations', active, elevation => form(async target => {
        const comment = target.elements.comment.value.trim();
        await act(target.querySelector('button[type=submit]'), () => post(`elevations/${enc(elevation.id)}/revoke`, { comment }), 'Elevation revoked.');
    }, textInput(`Why revoke ${elevation.user}'s elevation`, { name: 'comment', required: true, maxlength: 1000 }), submit('Revoke', 'danger'))));
}

// ---------------------------------------------------------------- start

async function start() {
    const parameters = new URLSearchParams(location.search);
    try {
        if (parameters.has('code') || parameters.has('error')) {
            await completeSignIn(parameters);
        } else {
            await signIn();
            return;
        }
        await discover();
        window.addEventListener('hashchange', () => {
            clearMessages();
            render().then(() => document.getElementById('amp-main').focus());
        });
        await render();
        document.body.dataset.ready = 'true';
    } catch (error) {
        if (error.message === 'Signing in again') {
            return;
        }
        document.getElementById('amp-view').replaceChildren(h('div', { class: 'pf-v5-c-alert pf-m-danger', role: 'alert' },
            h('p', { class: 'pf-v5-c-alert__title' }, describe(error))), button('Sign in again', signIn, 'primary'));
        document.body.dataset.ready = 'error';
    }
}

start();
