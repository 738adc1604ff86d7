/**
 * Artillery processor for the load profiles: builds varied visitor bodies for
 * POST /api/visit and counts which instance served each response.
 *
 * Plain CommonJS on purpose. Artillery 2 compiles a TypeScript processor into a
 * `dist/` folder beside it and deletes that folder when the run ends, so two runs
 * started at the same time (a test and a demo) would overwrite and delete each
 * other's copy.
 */
'use strict';

/**
 * Field limits of POST /api/visit, in characters (Unicode code points). The
 * service's `VISIT_FIELD_LIMITS` has the same values, and a test compares them.
 */
const VISIT_FIELD_LIMITS = Object.freeze({ name: 100, email: 254, company: 100, purpose: 500 });

const FIRST_NAMES = [
  'José', 'Zoë', 'Łukasz', 'Søren', 'François', 'Ångström', 'Íñigo', 'Chloé', 'Mārtiņš', 'Dvořák',
  'Nguyễn', 'Björk', 'Çağla', 'Oísín', 'Małgorzata', 'Jürgen', 'Renée', 'Şebnem', 'Úrsula', 'Žofia',
];
const LAST_NAMES = [
  'Núñez', 'Müller', 'Østergård', 'Łódź-Wiśniewska', 'Gonçalves', 'Fernández de Córdoba', 'Čapek',
  'Kovačević', 'Hämäläinen', 'Ó Súilleabháin', 'Dubois-Lefèvre', 'Ibáñez', 'Þórsdóttir', 'Škoda', 'Van der Aa',
];
const COMPANY_WORDS = [
  'Ingeniería', 'Société', 'Générale', 'Büro', 'Lösungen', 'Còdex', 'Señales', 'Tecnología', 'Øresund',
  'Logística', 'Café', 'Diseño', 'Ærø', 'Mañana', 'Straße', 'Información', 'Sàrl', 'Cooperativa',
];
const PURPOSE_SENTENCES = [
  'Reunión con el equipo de operaciones para revisar la configuración del balanceador.',
  'Visite de courtoisie suivie d’une démonstration du déploiement à chaud.',
  'Überprüfung der Skalierungsregeln und der Abkühlzeit nach dem Lasttest.',
  'Entrevista técnica: diseño de la base de datos y migraciones sin pérdida de datos.',
  'Formação sobre observabilidade: métricas, registos estruturados e alertas.',
  'Audit de sécurité : identité gérée, aucun secret dans les fichiers générés.',
  'Recogida de credenciales de visitante en recepción — planta 3, sala «Ñandú».',
];
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];

/** Length of a string in Unicode code points, as the service counts it. */
function codePointLength(text) {
  return [...text].length;
}

/** Cuts a string to at most `limit` code points without splitting a surrogate pair, then trims it. */
function truncate(text, limit) {
  return [...text].slice(0, limit).join('').trim();
}

function pick(list, random) {
  return list[Math.floor(random() * list.length)];
}

/** Removes accents and keeps only characters valid in a plain email local part. */
function asciiLocalPart(text) {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

/** Repeats sentences until the text reaches `targetLength` code points, then cuts it there. */
function longText(sentences, targetLength, random) {
  let text = pick(sentences, random);
  while (codePointLength(text) < targetLength) {
    text = `${text} ${pick(sentences, random)}`;
  }
  return truncate(text, targetLength);
}

/**
 * Builds one visitor body that POST /api/visit accepts. About one body in five
 * fills the name, company and purpose to their limits. The limits count code
 * points, so multi-byte characters make the body larger in bytes. One body in
 * ten is empty because all fields are optional, and the rest are ordinary.
 *
 * @param {() => number} [random] a source of numbers in [0, 1), Math.random by default
 * @returns {{ name?: string, email?: string, company?: string, purpose?: string }}
 */
function buildVisitor(random = Math.random) {
  const kind = random();
  if (kind < 0.1) {
    return {};
  }

  const first = pick(FIRST_NAMES, random);
  const last = pick(LAST_NAMES, random);
  const number = Math.floor(random() * 100000);
  const domain = pick(EMAIL_DOMAINS, random);

  if (kind < 0.3) {
    const name = longText([`${first} ${last}`, pick(LAST_NAMES, random)], VISIT_FIELD_LIMITS.name, random);
    const localPart = `${asciiLocalPart(`${first}.${last}`)}.${number}`.slice(0, 64);
    return {
      name,
      email: `${localPart}@${domain}`,
      company: longText(COMPANY_WORDS, VISIT_FIELD_LIMITS.company, random),
      purpose: longText(PURPOSE_SENTENCES, VISIT_FIELD_LIMITS.purpose, random),
    };
  }

  return {
    name: `  ${first} ${last}  `,
    email: `${asciiLocalPart(first)}.${number}@${domain}`,
    company: `${pick(COMPANY_WORDS, random)} ${pick(COMPANY_WORDS, random)} S.L.`,
    purpose: pick(PURPOSE_SENTENCES, random),
  };
}

/** Artillery `beforeRequest` hook: sends a fresh visitor body as JSON. */
function setVisitorBody(requestParams, _context, _events, next) {
  requestParams.json = buildVisitor();
  return next();
}

/**
 * Reads `instance_id` from a JSON response body, or from the `x-instance-id`
 * header for responses that are not JSON; returns undefined when neither has it.
 */
function instanceIdOf(response) {
  const header = response.headers && response.headers['x-instance-id'];
  const contentType = (response.headers && response.headers['content-type']) || '';
  if (typeof response.body === 'string' && contentType.includes('json')) {
    try {
      const body = JSON.parse(response.body);
      if (body && typeof body.instance_id === 'string') {
        return body.instance_id;
      }
    } catch {
      // A body cut short by a timeout or a proxy is not JSON; the header may still name the instance.
    }
  }
  return typeof header === 'string' && header !== '' ? header : undefined;
}

/**
 * Artillery `afterResponse` hook: counts responses per serving instance in the
 * counter `served_by.<instance_id>`, so the report shows the load balancer's spread.
 */
function recordInstance(_requestParams, response, _context, events, next) {
  const instanceId = instanceIdOf(response);
  if (instanceId !== undefined) {
    events.emit('counter', `served_by.${instanceId}`, 1);
  }
  return next();
}

module.exports = {
  VISIT_FIELD_LIMITS,
  buildVisitor,
  codePointLength,
  instanceIdOf,
  recordInstance,
  setVisitorBody,
};
