import { Body, Controller, Get, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { JobRunner } from '../../jobs/job-runner.service';
import { CsrfOnlyDto } from '../auth/dto/sign-in.dto';
import type { WebRequest } from '../auth/web-session';
import { JobNameParamDto, RunIdParamDto } from './dto/task-param.dto';
import { TaskListQueryDto } from './dto/task-query.dto';
import { TasksQuery } from './tasks.query';

@ApiExcludeController()
@Controller('taches')
export class TasksController {
  constructor(
    private readonly tasks: TasksQuery,
    private readonly runner: JobRunner,
  ) {}

  @Get()
  @Render('taches')
  async list(@Query() query: TaskListQueryDto) {
    return { title: 'Historique des tâches', nav: 'tasks', ...(await this.tasks.list(query)) };
  }

  @Get(':id')
  @Render('tache')
  async detail(@Param() params: RunIdParamDto) {
    return { title: `Exécution n° ${params.id}`, nav: 'tasks', ...(await this.tasks.detail(params.id)) };
  }

  /** "Lancer": starts the job and answers its run id (the page polls /api/jobs/runs/:id), or shows the run. */
  @Post(':name/lancer')
  async start(
    @Param() params: JobNameParamDto,
    @Body() _body: CsrfOnlyDto,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const { runId } = await this.runner.start(params.name, 'web', { startedBy: req.session?.user });
    if (req.accepts(['html', 'json']) === 'json') return res.status(202).json({ runId });
    return res.redirect(303, `/taches/${runId}`);
  }
}
