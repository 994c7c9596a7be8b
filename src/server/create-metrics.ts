import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Job counts per queue and state, read at scrape time. */
export type QueueCountsSource = () => Promise<{ queue: string; counts: Record<string, number> }[]>;

export interface PerfbotMetrics {
  registry: Registry;
  webhookDuration: Histogram<'event' | 'status'>;
  jobDuration: Histogram<'kind' | 'outcome'>;
  jobsTotal: Counter<'kind' | 'outcome'>;
  /** Deliveries whose payload Perfbot could not read, by event and the first field that did not match. */
  unusableWebhooks: Counter<'event' | 'reason'>;
  /** Redeliveries the sweeper asked GitHub for (`requested`) or GitHub refused (`refused`). */
  redeliveries: Counter<'outcome'>;
}

/** Prometheus metrics of one process: its own registry (no global state), queue depth read when scraped. */
export function createMetrics(queueCounts: QueueCountsSource): PerfbotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'perfbot_' });
  const webhookDuration = new Histogram({
    name: 'perfbot_webhook_duration_seconds',
    help: 'Time from receiving a webhook delivery to answering it',
    labelNames: ['event', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: 'perfbot_job_duration_seconds',
    help: 'Duration of run jobs by kind and outcome',
    labelNames: ['kind', 'outcome'] as const,
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 3600],
    registers: [registry],
  });
  const jobsTotal = new Counter({
    name: 'perfbot_jobs_total',
    help: 'Finished jobs by kind and outcome',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const unusableWebhooks = new Counter({
    name: 'perfbot_webhook_unusable_total',
    help: 'Webhook deliveries whose payload Perfbot could not read, by event and reason (the first field that did not match)',
    labelNames: ['event', 'reason'] as const,
    registers: [registry],
  });
  const redeliveries = new Counter({
    name: 'perfbot_webhook_redeliveries_total',
    help: 'Failed webhook deliveries the sweeper asked GitHub to redeliver, by outcome (requested, refused)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'perfbot_queue_jobs',
    help: 'Jobs in each queue by state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { queue, counts } of await queueCounts()) {
        for (const [state, count] of Object.entries(counts)) this.set({ queue, state }, count);
      }
    },
  });
  return { registry, webhookDuration, jobDuration, jobsTotal, unusableWebhooks, redeliveries };
}
