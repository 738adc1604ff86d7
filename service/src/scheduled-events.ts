/**
 * Watches Azure Scheduled Events for a Terminate event aimed at this VM (the
 * notice a scale set sends before scale-in removes an instance). On one, it
 * drains the service and then approves the event, so the platform need not
 * wait out the rest of the notice period.
 * API: https://learn.microsoft.com/azure/virtual-machines/linux/scheduled-events
 */
import type { Logger } from 'pino';

interface ScheduledEvent {
  EventId: string;
  EventType: string;
  EventStatus?: string;
  Resources?: string[];
  NotBefore?: string;
}

interface ScheduledEventsDocument {
  DocumentIncarnation?: number;
  Events?: ScheduledEvent[];
}

export interface ScheduledEventsOptions {
  /** Full URL including api-version, such as http://169.254.169.254/metadata/scheduledevents?api-version=2020-07-01. */
  url: string;
  intervalMs: number;
  logger: Logger;
  /** Drains and stops the service, calling `approve` once in-flight requests have finished. */
  drain(eventId: string, approve: () => Promise<void>): Promise<void>;
}

// The metadata service runs on the host, so anything slower than this is a failed poll, retried next interval.
const REQUEST_TIMEOUT_MS = 5_000;
const COMPUTE_NAME_PATH = '/metadata/instance/compute/name?api-version=2021-02-01&format=text';

export class ScheduledEventsWatcher {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private vmName: string | undefined;
  private handling = false;
  private failures = 0;

  constructor(private readonly options: ScheduledEventsOptions) {}

  start(): void {
    this.stopped = false;
    this.options.logger.info({ url: this.options.url, interval_ms: this.options.intervalMs }, 'watching scheduled events');
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => void this.poll(), delayMs);
    this.timer.unref();
  }

  private async request(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      headers: { Metadata: 'true', ...(init.headers ?? {}) },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) {
      throw new Error(`${init.method ?? 'GET'} ${url} returned HTTP ${response.status}`);
    }
    return response;
  }

  /** Name of this VM as Scheduled Events lists it in `Resources`, from the same metadata service. */
  private async ownName(): Promise<string> {
    if (this.vmName === undefined) {
      const nameUrl = new URL(COMPUTE_NAME_PATH, this.options.url).toString();
      this.vmName = (await (await this.request(nameUrl)).text()).trim();
      this.options.logger.info({ vm_name: this.vmName }, 'scheduled events: this VM is named');
    }
    return this.vmName;
  }

  private async poll(): Promise<void> {
    try {
      const name = await this.ownName();
      const document = (await (await this.request(this.options.url)).json()) as ScheduledEventsDocument;
      this.failures = 0;
      const terminate = (document.Events ?? []).find(
        (event) => event.EventType === 'Terminate' && (event.Resources ?? []).includes(name) && event.EventStatus !== 'Started',
      );
      if (terminate && !this.handling) {
        this.handling = true;
        this.stop();
        await this.handle(terminate);
        return;
      }
    } catch (error) {
      this.failures += 1;
      // One line per failure streak start and then every 60th, so an unreachable endpoint does not flood the log.
      if (this.failures === 1 || this.failures % 60 === 0) {
        this.options.logger.warn({ err: error, failures: this.failures }, 'scheduled events poll failed');
      }
    }
    this.schedule(this.options.intervalMs);
  }

  private async handle(event: ScheduledEvent): Promise<void> {
    const { logger } = this.options;
    logger.info({ event_id: event.EventId, not_before: event.NotBefore }, 'terminate event for this VM; draining');
    await this.options.drain(event.EventId, () => this.approve(event.EventId));
  }

  private async approve(eventId: string): Promise<void> {
    const { logger } = this.options;
    try {
      await this.request(this.options.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ StartRequests: [{ EventId: eventId }] }),
      });
      logger.info({ event_id: eventId }, 'terminate event approved');
    } catch (error) {
      // Unapproved, the event still proceeds once its NotBefore time passes.
      logger.error({ err: error, event_id: eventId }, 'failed to approve the terminate event');
    }
  }
}
