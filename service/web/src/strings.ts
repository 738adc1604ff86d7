/**
 * Every visible string of the page, in English and Spanish. `{name}` marks a
 * parameter; keys ending in `.one` / `.other` are plural forms chosen with
 * Intl.PluralRules.
 */
export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];

const en = {
  'page.title': 'Visit registry · VMSS autoscaling',
  'page.heading': 'Visit registry',
  'page.tagline':
    'Each request is answered by one instance of the scale set. Watch the visits spread as instances join and leave.',
  'page.language': 'Language',
  'page.footer': 'Visits and instances refresh every 5 s, metrics every 2 s. The page makes no request to any other site.',

  'served.heading': 'Serving instance',
  'served.current': 'Last response from',
  'served.waiting': 'waiting for the first response',
  'served.history': 'Instances behind the latest responses, newest first',
  'served.unreachable': 'The server did not answer the last refresh.',

  'form.heading': 'Register a visit',
  'form.hint': 'Every field is optional.',
  'form.name': 'Name',
  'form.email': 'Email',
  'form.company': 'Company',
  'form.purpose': 'Purpose of the visit',
  'form.submit': 'Register visit',
  'form.sending': 'Sending the visit…',
  'form.registered': 'Visit {id} registered by instance {instance}. Total visits: {total}.',
  'form.rejected': 'The server rejected the visit. Check the marked fields.',
  'form.fieldRejected': 'Rejected by the server:',

  'visits.heading': 'Visits',
  'visits.total': 'Total visits',
  'visits.recent': 'Recent visits, newest first',
  'visits.time': 'Time',
  'visits.name': 'Name',
  'visits.company': 'Company',
  'visits.purpose': 'Purpose',
  'visits.instance': 'Instance',
  'visits.empty': 'No visits yet.',

  'chart.heading': 'Visits per instance',
  'chart.instance': 'Instance',
  'chart.visits': 'Visits',
  'chart.share': 'Share of all visits',
  'chart.lastSeen': 'Last seen',
  'chart.empty': 'No instance has registered a visit yet.',

  'metrics.heading': 'Load of the serving instance',
  'metrics.processCpu': 'Process CPU',
  'metrics.systemCpu': 'System CPU',
  'metrics.memory': 'Memory',
  'metrics.loadAverage': 'Load average (1 min)',
  'metrics.eventLoopLag': 'Event-loop lag (99th percentile)',
  'metrics.source': 'Measured by instance {instance}.',
  'metrics.waiting': 'Waiting for the first measurement.',

  'stress.heading': 'Stress test',
  'stress.hint':
    'Burns CPU on the instance that takes the request, so that the autoscale rule on Percentage CPU sees it.',
  'stress.duration': 'Duration in seconds ({min}–{max})',
  'stress.intensity': 'Intensity in percent of CPU time ({min}–{max})',
  'stress.start': 'Start the stress test',
  'stress.running': 'Running on the server: {elapsed} s of {duration} s.',
  'stress.finished': 'Finished on instance {instance}: {operations} operations in {seconds} s.',
  'stress.busy':
    'Rejected with 429 Too Many Requests: every worker of that instance is already running a stress job. Try again in {seconds} s.',
  'stress.disabled': 'The stress test is switched off on this server (404 Not Found).',
  'stress.unavailable': 'The stress test is switched off on this server (STRESS_ENABLED=false), so the button is disabled.',
  'stress.progress': 'Stress test progress',

  'burst.heading': 'Spread test',
  'burst.hint': 'Sends 50 visits at the same time and counts the instances that answer them.',
  'burst.start': 'Send 50 concurrent visits',
  'burst.running': 'Sending 50 visits…',
  'burst.answered.one': '{registered} of {sent} visits registered, answered by 1 instance: {list}.',
  'burst.answered.other': '{registered} of {sent} visits registered, answered by {count} instances: {list}.',
  'burst.failed': '{failed} requests failed: {reasons}.',

  'error.http': 'The request failed with HTTP {status}: {message}',
  'error.network': 'The request failed: the server could not be reached.',
};

export type StringKey = keyof typeof en;

const es: Record<StringKey, string> = {
  'page.title': 'Registro de visitas · autoescalado VMSS',
  'page.heading': 'Registro de visitas',
  'page.tagline':
    'Cada petición la atiende una instancia del conjunto de escalado. Observe cómo se reparten las visitas a medida que entran y salen instancias.',
  'page.language': 'Idioma',
  'page.footer':
    'Las visitas y las instancias se actualizan cada 5 s; las métricas, cada 2 s. La página no hace ninguna petición a otros sitios.',

  'served.heading': 'Instancia que responde',
  'served.current': 'Última respuesta de',
  'served.waiting': 'esperando la primera respuesta',
  'served.history': 'Instancias de las últimas respuestas, la más reciente primero',
  'served.unreachable': 'El servidor no respondió a la última actualización.',

  'form.heading': 'Registrar una visita',
  'form.hint': 'Todos los campos son opcionales.',
  'form.name': 'Nombre',
  'form.email': 'Correo electrónico',
  'form.company': 'Empresa',
  'form.purpose': 'Motivo de la visita',
  'form.submit': 'Registrar la visita',
  'form.sending': 'Enviando la visita…',
  'form.registered': 'Visita {id} registrada por la instancia {instance}. Visitas totales: {total}.',
  'form.rejected': 'El servidor rechazó la visita. Revise los campos marcados.',
  'form.fieldRejected': 'Rechazado por el servidor:',

  'visits.heading': 'Visitas',
  'visits.total': 'Visitas totales',
  'visits.recent': 'Visitas recientes, la más nueva primero',
  'visits.time': 'Hora',
  'visits.name': 'Nombre',
  'visits.company': 'Empresa',
  'visits.purpose': 'Motivo',
  'visits.instance': 'Instancia',
  'visits.empty': 'Aún no hay visitas.',

  'chart.heading': 'Visitas por instancia',
  'chart.instance': 'Instancia',
  'chart.visits': 'Visitas',
  'chart.share': 'Parte del total',
  'chart.lastSeen': 'Vista por última vez',
  'chart.empty': 'Ninguna instancia ha registrado visitas todavía.',

  'metrics.heading': 'Carga de la instancia que responde',
  'metrics.processCpu': 'CPU del proceso',
  'metrics.systemCpu': 'CPU del sistema',
  'metrics.memory': 'Memoria',
  'metrics.loadAverage': 'Carga media (1 min)',
  'metrics.eventLoopLag': 'Retardo del bucle de eventos (percentil 99)',
  'metrics.source': 'Medido por la instancia {instance}.',
  'metrics.waiting': 'Esperando la primera medición.',

  'stress.heading': 'Prueba de estrés',
  'stress.hint':
    'Consume CPU en la instancia que recibe la petición, para que la regla de autoescalado sobre Percentage CPU lo vea.',
  'stress.duration': 'Duración en segundos ({min}–{max})',
  'stress.intensity': 'Intensidad en porcentaje de tiempo de CPU ({min}–{max})',
  'stress.start': 'Iniciar la prueba de estrés',
  'stress.running': 'En curso en el servidor: {elapsed} s de {duration} s.',
  'stress.finished': 'Terminada en la instancia {instance}: {operations} operaciones en {seconds} s.',
  'stress.busy':
    'Rechazada con 429 Too Many Requests: todos los workers de esa instancia ya ejecutan una prueba de estrés. Vuelva a intentarlo dentro de {seconds} s.',
  'stress.disabled': 'La prueba de estrés está desactivada en este servidor (404 Not Found).',
  'stress.unavailable': 'La prueba de estrés está desactivada en este servidor (STRESS_ENABLED=false), por eso el botón está inhabilitado.',
  'stress.progress': 'Avance de la prueba de estrés',

  'burst.heading': 'Prueba de reparto',
  'burst.hint': 'Envía 50 visitas a la vez y cuenta las instancias que las atienden.',
  'burst.start': 'Enviar 50 visitas simultáneas',
  'burst.running': 'Enviando 50 visitas…',
  'burst.answered.one': '{registered} de {sent} visitas registradas, atendidas por 1 instancia: {list}.',
  'burst.answered.other': '{registered} de {sent} visitas registradas, atendidas por {count} instancias: {list}.',
  'burst.failed': '{failed} peticiones fallaron: {reasons}.',

  'error.http': 'La petición falló con HTTP {status}: {message}',
  'error.network': 'La petición falló: no se pudo contactar con el servidor.',
};

export const strings: Record<Language, Record<StringKey, string>> = { en, es };
