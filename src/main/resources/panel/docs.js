// Renders the gateway's OpenAPI document (/api/openapi.json) as a readable page: operations by tag, then schemas.
// Built with DOM calls and textContent only.
'use strict';

function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (name === 'text') {
            element.textContent = value;
        } else {
            element.setAttribute(name, value);
        }
    }
    element.append(...children.filter(c => c !== null && c !== undefined));
    return element;
}

function refName(ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
}

function typeOf(schema) {
    if (!schema) {
        return '';
    }
    if (schema.$ref) {
        return refName(schema.$ref);
    }
    if (schema.oneOf) {
        return schema.oneOf.map(typeOf).join(' | ');
    }
    if (schema.type === 'array') {
        return typeOf(schema.items) + '[]';
    }
    if (schema.const !== undefined) {
        return JSON.stringify(schema.const);
    }
    // OpenAPI 3.1: a type may be a list (["string", "null"]); the order schemas of schemas/ are inlined as they are
    return [].concat(schema.type || 'any').join(' or ') + (schema.format ? ` (${schema.format})` : '');
}

function schemaLink(schema) {
    const text = typeOf(schema);
    const refs = [];
    const collect = s => {
        if (!s) {
            return;
        }
        if (s.$ref) {
            refs.push(refName(s.$ref));
        }
        (s.oneOf || []).forEach(collect);
        collect(s.items);
    };
    collect(schema);
    if (!refs.length) {
        return el('code', {text});
    }
    const span = el('span');
    refs.forEach((name, i) => {
        if (i > 0) {
            span.append(' | ');
        }
        span.append(el('a', {href: '#schema-' + name, class: 'link schema-name', text: name}));
    });
    return span;
}

function table(headers, rows) {
    return el('table', {class: 'table'},
        el('thead', {}, el('tr', {}, ...headers.map(h => el('th', {text: h})))),
        el('tbody', {}, ...rows.map(cells => el('tr', {}, ...cells.map(c => el('td', {}, c))))));
}

function pre(value) {
    return el('pre', {text: typeof value === 'string' ? value : JSON.stringify(value, null, 2)});
}

function operation(path, method, op) {
    const body = el('div', {class: 'endpoint-body'});
    if (op.description) {
        body.append(el('p', {text: op.description}));
    }
    // an empty list marks a public operation (the webhook's key is in its path)
    if (op.security && op.security.length) {
        body.append(el('p', {class: 'muted small', text: 'Needs a login: the session cookie or HTTP Basic credentials.'}));
    }
    if (op.parameters) {
        body.append(el('h4', {text: 'Parameters'}), table(['name', 'in', 'type', 'description'],
            op.parameters.map(p => [el('code', {text: p.name + (p.required ? ' *' : '')}), p.in, typeOf(p.schema),
                p.description || (p.schema && p.schema.enum ? 'one of ' + p.schema.enum.join(', ') : '')])));
    }
    if (op.requestBody) {
        const [type, content] = Object.entries(op.requestBody.content)[0];
        body.append(el('h4', {text: 'Request body'}), el('p', {}, el('code', {text: type}), ' ', schemaLink(content.schema)));
        if (content.example) {
            body.append(pre(content.example));
        }
        for (const [name, example] of Object.entries(content.examples || {})) {
            body.append(el('p', {class: 'muted small', text: 'Example: ' + name}), pre(example.value));
        }
    }
    body.append(el('h4', {text: 'Responses'}));
    const rows = Object.entries(op.responses).map(([status, response]) => {
        const content = response.content && response.content['application/json'];
        const cellBody = el('div', {}, response.description);
        if (content && content.example) {
            cellBody.append(el('div', {}, el('code', {text: JSON.stringify(content.example)})));
        }
        return [el('strong', {text: status}), content ? schemaLink(content.schema) : '', cellBody];
    });
    body.append(table(['status', 'body', 'meaning'], rows));
    for (const response of Object.values(op.responses)) {
        const examples = response.content && response.content['application/json'] && response.content['application/json'].examples;
        for (const [name, example] of Object.entries(examples || {})) {
            body.append(el('p', {class: 'muted small', text: 'Answer example: ' + name}), pre(example.value));
        }
    }
    return el('div', {class: 'endpoint', id: op.operationId},
        el('div', {class: 'endpoint-head'},
            el('span', {class: 'method method-' + method, text: method.toUpperCase()}),
            el('span', {class: 'path', text: path}),
            el('span', {class: 'muted', text: op.summary || ''})),
        body);
}

function schemaSection(name, schema) {
    const required = new Set(schema.required || []);
    const rows = Object.entries(schema.properties || {}).map(([field, property]) => [
        el('code', {text: field + (required.has(field) ? ' *' : '')}), schemaLink(property),
        [property.description, property.enum ? 'One of: ' + property.enum.join(', ') + '.' : '']
            .filter(Boolean).join(' ')]);
    const section = el('div', {class: 'endpoint', id: 'schema-' + name},
        el('div', {class: 'endpoint-head'}, el('span', {class: 'path', text: name}),
            el('span', {class: 'muted', text: schema.title || schema.description || ''})),
        el('div', {class: 'endpoint-body'}, table(['field', 'type', 'description'], rows)));
    if (schema.example) {
        section.lastChild.append(el('h4', {text: 'Example'}), pre(schema.example));
    }
    return section;
}

async function render() {
    const response = await fetch('/api/openapi.json');
    const doc = await response.json();
    document.title = doc.info.title + ' · API docs';
    document.getElementById('docs-title').textContent = doc.info.title + ' ' + doc.info.version;
    const intro = document.getElementById('docs-intro');
    for (const paragraph of doc.info.description.split('\n\n')) {
        intro.append(el('p', {text: paragraph}));
    }
    const toc = document.getElementById('docs-toc');
    const container = document.getElementById('docs-body');
    for (const tag of doc.tags) {
        const card = el('section', {class: 'card', id: 'tag-' + tag.name},
            el('h2', {text: tag.name}), el('p', {class: 'muted', text: tag.description}));
        for (const [path, methods] of Object.entries(doc.paths)) {
            for (const [method, op] of Object.entries(methods)) {
                if (op.tags && op.tags[0] === tag.name) {
                    card.append(operation(path, method, op));
                }
            }
        }
        toc.append(el('a', {class: 'link', href: '#tag-' + tag.name, text: tag.name}));
        container.append(card);
    }
    const schemas = el('section', {class: 'card', id: 'schemas'}, el('h2', {text: 'Schemas'}));
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
        schemas.append(schemaSection(name, schema));
    }
    toc.append(el('a', {class: 'link', href: '#schemas', text: 'Schemas'}));
    container.append(schemas);
}

document.addEventListener('DOMContentLoaded', () => render().catch(e => {
    const error = document.getElementById('docs-error');
    error.textContent = 'Cannot load the API description: ' + e.message;
    error.hidden = false;
}));
