import { FOLLOWUP_DEFAULT_WORKING_DAYS } from '@sunboard/shared';
import { ConfigError, loadConfig } from '../../config/env.schema';

describe('RATING_FOLLOWUP_WORKING_DAYS', () => {
  it('defaults to the shared default of 5 working days', () => {
    expect(loadConfig({}).ratingFollowupWorkingDays).toBe(FOLLOWUP_DEFAULT_WORKING_DAYS);
    expect(FOLLOWUP_DEFAULT_WORKING_DAYS).toBe(5);
  });

  it('accepts 5 to 15', () => {
    expect(loadConfig({ RATING_FOLLOWUP_WORKING_DAYS: '5' }).ratingFollowupWorkingDays).toBe(5);
    expect(loadConfig({ RATING_FOLLOWUP_WORKING_DAYS: '15' }).ratingFollowupWorkingDays).toBe(15);
  });

  it.each(['4', '16', '7.5', 'five'])('refuses %s, naming the setting', (value) => {
    expect(() => loadConfig({ RATING_FOLLOWUP_WORKING_DAYS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ RATING_FOLLOWUP_WORKING_DAYS: value })).toThrow(/RATING_FOLLOWUP_WORKING_DAYS/);
  });
});
