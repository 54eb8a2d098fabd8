import { z } from 'zod';

/** The five stages of SHEET.md (全流程), in order. */
export const STAGES = ['draft', 'initiated', 'discussion', 'executing', 'archived'] as const;
/** One of the five stages. */
export type Stage = (typeof STAGES)[number];

/** 紧急程度: urgent / normal / low. */
export const URGENCIES = ['urgent', 'normal', 'low'] as const;
/** 紧急程度 value. */
export type Urgency = (typeof URGENCIES)[number];

/** 保密等级: public / internal / secret / top secret. */
export const CONFIDENTIALITIES = ['public', 'internal', 'secret', 'topsecret'] as const;
/** 保密等级 value. */
export type Confidentiality = (typeof CONFIDENTIALITIES)[number];

/** Confidentiality levels whose sheets are visible only to their parties and never shared by link. */
export const RESTRICTED_CONFIDENTIALITIES: readonly Confidentiality[] = ['secret', 'topsecret'];

/** A calendar date, `YYYY-MM-DD`, as typed in a date picker. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a real date');
