import { describe, expect, it } from 'vitest';
import { detectCategory } from '../../../electron/core/importing/mapping/detect-category';

describe('category detection', () => {
  it('recognises a jobs export', () => {
    const d = detectCategory(['Job ID', 'Job Title', 'Description', 'Location', 'Status', 'Apply URL', 'Posted Date'], 'Sheet1');
    expect(d.category).toBe('jobs');
  });

  it('recognises a candidates export', () => {
    const d = detectCategory(['Candidate ID', 'First Name', 'Last Name', 'Email', 'Profile URL', 'Created At', 'Last Updated'], 'Sheet1');
    expect(d.category).toBe('candidates');
  });

  it('tells an applications export from candidates although it has names and candidate ids', () => {
    const d = detectCategory(
      ['Application ID', 'Candidate ID', 'First Name', 'Last Name', 'Email', 'Job ID', 'Job Title', 'Source', 'Applied At', 'Last Updated'],
      'Sheet1',
    );
    expect(d.category).toBe('applications');
    expect(d.scores.applications).toBeGreaterThan(d.scores.candidates);
  });

  it('tells a stage history from applications', () => {
    const d = detectCategory(['Application ID', 'Stage', 'Entered At', 'Moved By'], 'Sheet1');
    expect(d.category).toBe('stages');
  });

  it('uses the sheet name as a hint', () => {
    const headers = ['Application ID', 'Stage', 'Date'];
    expect(detectCategory(headers, 'Application stage history').category).toBe('stages');
  });

  it('claims nothing for a sheet of unrelated columns', () => {
    expect(detectCategory(['Region', 'Quarter', 'Revenue'], 'Summary').category).toBeNull();
  });
});
