import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type CaseTypeDto, type CaseTypeInput, caseTypeInputSchema } from '@sunboard/shared';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { Clock } from '../../common/clock/clock';
import { AppError } from '../../common/errors/app-error';
import { CaseType } from './case-type.entity';
import { toCaseTypeDto } from './case.mapper';

type Input = z.infer<typeof caseTypeInputSchema>;

/**
 * Case types and their step templates. A change applies to cases opened afterwards only: an open
 * case carries its own copy of the steps (case_step), so editing never rewrites one.
 */
@Injectable()
export class CaseTypesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(includeInactive: boolean): Promise<CaseTypeDto[]> {
    const types = await this.db.getRepository(CaseType).find({ where: includeInactive ? {} : { active: true }, order: { id: 'ASC' } });
    return types.map(toCaseTypeDto);
  }

  async get(id: number): Promise<CaseTypeDto> {
    const t = await this.db.getRepository(CaseType).findOneBy({ id });
    if (!t) throw AppError.notFound('办件事项');
    return toCaseTypeDto(t);
  }

  async create(input: CaseTypeInput): Promise<CaseTypeDto> {
    const body = input as Input;
    await this.assertNameFree(body.name, null);
    const now = this.clock.now();
    const t = await this.db.getRepository(CaseType).save(
      this.db.getRepository(CaseType).create({ ...body, code: `custom-${randomBytes(5).toString('hex')}`, createdAt: now, updatedAt: now }),
    );
    return toCaseTypeDto(t);
  }

  async update(id: number, input: CaseTypeInput): Promise<CaseTypeDto> {
    const body = input as Input;
    const repo = this.db.getRepository(CaseType);
    const t = await repo.findOneBy({ id });
    if (!t) throw AppError.notFound('办件事项');
    await this.assertNameFree(body.name, id);
    Object.assign(t, body, { updatedAt: this.clock.now() });
    return toCaseTypeDto(await repo.save(t));
  }

  private async assertNameFree(name: string, exceptId: number | null): Promise<void> {
    const other = await this.db.getRepository(CaseType).findOneBy({ name });
    if (other && other.id !== exceptId) throw new AppError('CONFLICT', '已有同名的办件事项', [{ path: 'name', reason: '名称已被使用' }]);
  }
}
