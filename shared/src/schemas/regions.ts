import { z } from 'zod';
import { REGION_LEVELS, type RegionLevel } from '../enums/region-levels';
import { idSchema, text } from './common';

/** 行政区划代码 or an internal code: letters, digits, '-' and '_'. */
export const regionCodeSchema = z
  .string({ message: '区划代码必须是文字' })
  .trim()
  .min(1, { message: '区划代码不能为空' })
  .max(32, { message: '区划代码不能超过 32 个字符' })
  .regex(/^[0-9A-Za-z_-]+$/, { message: '区划代码只能包含数字、字母、- 和 _' });

export const regionLevelSchema = z.enum(REGION_LEVELS, {
  message: '级别必须是 district、street、town、community、village 或 grid',
});

export const listRegionsQuerySchema = z.object({
  parentId: idSchema.optional(),
});

export const createRegionSchema = z
  .object({
    code: regionCodeSchema,
    name: text(50, '名称'),
    level: regionLevelSchema,
    parentId: idSchema.nullable().optional(),
  })
  .strict();
export type CreateRegionInput = z.infer<typeof createRegionSchema>;

export const updateRegionSchema = z
  .object({
    name: text(50, '名称').optional(),
    parentId: idSchema.optional(),
  })
  .strict()
  .refine((v) => v.name !== undefined || v.parentId !== undefined, { message: '没有要修改的内容' });
export type UpdateRegionInput = z.infer<typeof updateRegionSchema>;

export interface RegionDto {
  id: number;
  code: string;
  name: string;
  level: RegionLevel;
  parentId: number | null;
  /** Materialised path of ids, e.g. `/1/3/9/` */
  path: string;
  childCount: number;
}

export interface RegionDetailDto extends RegionDto {
  /** From the root down to the parent. */
  ancestors: RegionDto[];
}

/** One row of a region import file that could not be taken, 1-based as the spreadsheet shows it. */
export interface ImportRowError {
  row: number;
  column?: string;
  reason: string;
}

export interface RegionImportResultDto {
  created: number;
  /** Existing regions renamed or moved. */
  updated: number;
  /** Rows naming an existing region exactly as it already is. */
  unchanged: number;
}
