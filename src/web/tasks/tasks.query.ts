import { Injectable } from '@nestjs/common';
import { JOB_DEFINITIONS } from '../../config/job-definitions';
import { RUN_STATUSES } from '../../jobs/dto/job-run.view';
import { JobHistoryService } from '../../jobs/job-history.service';
import type { TaskListQueryDto } from './dto/task-query.dto';

const TITLES = new Map<string, string>(JOB_DEFINITIONS.map((j) => [j.name, j.title]));
const TRIGGER_LABELS: Record<string, string> = {
  cron: 'Planifiée',
  api: 'API',
  cli: 'Ligne de commande',
  web: 'Page web',
  pipeline: 'Chaîne quotidienne',
};

/** Runs per page of the history (a keyset page: older ones follow by id). */
export const RUNS_PER_PAGE = 50;

export const jobTitle = (name: string): string => TITLES.get(name) ?? name;

/** The job history page: runs with filters, one run with its per-record errors. */
@Injectable()
export class TasksQuery {
  constructor(private readonly history: JobHistoryService) {}

  async list(filters: TaskListQueryDto) {
    const { runs, more } = await this.history.summaries({
      job: filters.tache || undefined,
      status: filters.statut || undefined,
      before: filters.avant,
      limit: RUNS_PER_PAGE,
    });
    const link = (avant?: number) => {
      const query = new URLSearchParams();
      if (filters.tache) query.set('tache', filters.tache);
      if (filters.statut) query.set('statut', filters.statut);
      if (avant) query.set('avant', String(avant));
      const text = query.toString();
      return text ? `/taches?${text}` : '/taches';
    };
    return {
      filters,
      jobs: JOB_DEFINITIONS.map((j) => ({ name: j.name, title: j.title })),
      statuses: RUN_STATUSES,
      runs: runs.map((run) => ({
        ...run,
        title: jobTitle(run.job),
        triggerLabel: TRIGGER_LABELS[run.trigger] ?? run.trigger,
      })),
      olderLink: more ? link(runs[runs.length - 1].id) : null,
      newestLink: filters.avant ? link() : null,
    };
  }

  async detail(id: number) {
    const run = await this.history.get(id);
    return {
      run: { ...run, title: jobTitle(run.job), triggerLabel: TRIGGER_LABELS[run.trigger] ?? run.trigger },
      params: Object.entries(run.params ?? {}).map(([key, value]) => ({ key, value: JSON.stringify(value) })),
      details: run.result ? JSON.stringify(run.result, null, 2) : null,
    };
  }
}
