import { describe, expect, it } from 'vitest';
import { matchColumns } from '../../../electron/core/importing/mapping/match-columns';
import { ATS_HEADER_LISTS } from '../../../electron/core/importing/mapping/ats-header-synonyms';
import { fieldsOf } from '../../../shared/rsc/fields';
import type { Category } from '../../../shared/domain';

describe("the ATSs' documented headers", () => {
  it('name their source beside each list, and only fields of their category', () => {
    for (const list of ATS_HEADER_LISTS) {
      expect(list.source).toMatch(/^https:\/\//);
      for (const [category, byField] of Object.entries(list.headers) as [Category, Record<string, string[]>][]) {
        const fields = new Set(fieldsOf(category).map((f) => f.name));
        for (const field of Object.keys(byField)) expect(fields, `${list.ats} ${category}.${field}`).toContain(field);
      }
    }
  });

  it('cover each ATS the issue names, each with its source', () => {
    const named = ['Greenhouse', 'Lever', 'Workday', 'SmartRecruiters', 'iCIMS', 'SAP SuccessFactors', 'Oracle Taleo', 'BambooHR', 'Workable', 'Teamtailor'];
    for (const ats of named) {
      const list = ATS_HEADER_LISTS.find((l) => l.ats === ats);
      expect(list?.source, ats).toMatch(/^https:\/\//);
      expect(Object.keys(list?.headers ?? {}).length, ats).toBeGreaterThan(0);
    }
  });

  // Before these lists the columns matched nothing, or only by a loose fuzzy guess.
  it.each<[string, Category, string, string]>([
    ['Workday', 'applications', 'jobRequisition.descriptor', 'atsJobPostingName'],
    ['Workday', 'applications', 'source.descriptor', 'source'],
    ['SAP SuccessFactors', 'applications', 'jobReqId', 'atsJobPostingId'],
    ['SAP SuccessFactors', 'applications', 'appLastModifiedDateTime', 'atsLastModifiedAt'],
    ['SAP SuccessFactors', 'candidates', 'creationDateTime', 'atsCreatedAt'],
    ['BambooHR', 'stages', 'status.label', 'stage'],
    ['BambooHR', 'stages', 'status.date_changed', 'atsCreatedAt'],
    ['BambooHR', 'candidates', 'applicant.email', 'emailAddresses'],
  ])('take %s\'s %s column "%s" for %s by its documented name', (_ats, category, header, field) => {
    const [match] = matchColumns(category, [header]);
    expect(match.field).toBe(field);
    expect(match.via).toBe('synonym');
  });

  it.each<[string, Category, string, string]>([
    ['Lever', 'applications', 'Archive-Reason', 'dispositionReason'],
    ['Workable', 'applications', 'Disqualification Reason', 'dispositionReason'],
    ['Greenhouse', 'applications', 'Rejection Reason', 'dispositionReason'],
    ['Taleo', 'applications', 'Req. Identifier', 'atsJobPostingId'],
    ['Taleo', 'stages', 'Current Step Name', 'stage'],
    ['Lever', 'applications', 'Date-Added', 'atsCreatedAt'],
    ['iCIMS', 'applications', 'Recruiting Workflow ID', 'atsJobApplicationId'],
  ])('map %s\'s %s column "%s" to %s', (_ats, category, header, field) => {
    expect(matchColumns(category, [header])[0].field).toBe(field);
  });

  it('do not take a column about the application channel for the source, unless its values are sources', () => {
    const channel = (values: string[]) => matchColumns('applications', ['Source'], { distinctValues: () => values })[0].field;
    expect(channel(['APPLIED', 'SOURCED', 'Referred'])).toBeNull();
    expect(channel(['Monster', 'Referral', 'Career Fair'])).toBe('source');
    expect(matchColumns('applications', ['Applied Via'])[0].field).toBeNull();
    expect(matchColumns('applications', ['Origin'])[0].field).toBeNull();
  });
});

describe('the shipped Lever preset', () => {
  it('maps Sources, not the Origin channel (Applied, Sourced, Referred…), to source', async () => {
    const { readFileSync } = await import('node:fs');
    const preset = JSON.parse(readFileSync('resources/presets/lever-opportunities.json', 'utf8')) as { mapping: Record<string, string> };
    expect(preset.mapping.Sources).toBe('source');
    expect(preset.mapping.Origin).toBeUndefined();
  });
});
