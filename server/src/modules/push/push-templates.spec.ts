import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitTemplateValue, PUSH_FIELD_SOURCES, PUSH_MESSAGE_TYPES, templateKeyPrefix } from '@sunboard/shared';
import { ConfigError, loadConfig } from '../../config/env.schema';
import { DEFAULT_PUSH_TEMPLATES, PushTemplates } from './push-templates';

describe('push templates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sunboard-push-templates-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  it('has valid defaults: every key a WeChat key, every source one its message type offers', () => {
    for (const type of PUSH_MESSAGE_TYPES) {
      const t = DEFAULT_PUSH_TEMPLATES[type];
      expect(t.messageType).toBe(type);
      expect(t.templateId).toMatch(/^TPL_[A-Z_]+$/);
      for (const [key, source] of Object.entries(t.fields)) {
        expect(templateKeyPrefix(key)).not.toBeNull();
        expect(PUSH_FIELD_SOURCES[type]).toContain(source);
      }
    }
  });

  it('fits a message’s values to its keys, and looks templates up by id', () => {
    const templates = new PushTemplates();
    const data = templates.data('notice_published', {
      title: '关于2026年度城乡居民基本医疗保险集中参保缴费的通知',
      publishedAt: new Date('2026-11-24T07:01:00Z'),
      publisher: '光明社区居民委员会',
      kind: '征求意见结果',
    });
    expect(data).toEqual({ thing1: '关于2026年度城乡居民基本医疗保险集…', time2: '2026年11月24日 15:01', thing3: '光明社区居民委员会', phrase4: '征求意见结' });
    expect(fitTemplateValue('thing1', data.thing1)).toBe(data.thing1);
    expect(templates.byTemplateId('TPL_CASE_PROGRESS')).toMatchObject({ messageType: 'case_progress', longTerm: true });
    expect(templates.byTemplateId('nope')).toBeNull();
  });

  it('applies a file’s overrides per message type, keeping the rest', () => {
    const path = file('ok.json', { case_progress: { templateId: 'CaseTpl-01', fields: { thing9: 'caseType', character_string2: 'caseNo' } } });
    const templates = PushTemplates.load(path);
    expect(templates.get('case_progress')).toEqual({ messageType: 'case_progress', templateId: 'CaseTpl-01', longTerm: true, fields: { thing9: 'caseType', character_string2: 'caseNo' } });
    expect(templates.get('notice_published')).toEqual(DEFAULT_PUSH_TEMPLATES.notice_published);
    expect(loadConfig({ NODE_ENV: 'test', PUSH_TEMPLATES_FILE: path }).pushTemplatesFile).toBe(path);
  });

  it('stops at start (loadConfig) naming every problem of a bad file', () => {
    const path = file('bad.json', {
      notice_published: { templateId: 'has spaces', fields: { title1: 'title', thing2: 'author' } },
      weather_alert: { templateId: 'X1234' },
      rating_reply: { longTerm: 'yes' },
    });
    let message = '';
    try {
      loadConfig({ NODE_ENV: 'test', PUSH_TEMPLATES_FILE: path });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toContain(`PUSH_TEMPLATES_FILE (${path})`);
    for (const part of ['notice_published.templateId', 'notice_published.fields.title1', 'notice_published.fields.thing2', 'weather_alert', 'rating_reply.longTerm']) {
      expect(message).toContain(part);
    }
    expect(() => PushTemplates.load(path)).toThrow(ConfigError);
  });

  it('refuses a file that is not JSON, a missing file, and one template id that is one-time here and long-term there', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', PUSH_TEMPLATES_FILE: file('broken.json', '{ nope') })).toThrow(/PUSH_TEMPLATES_FILE: cannot read/);
    expect(() => loadConfig({ NODE_ENV: 'test', PUSH_TEMPLATES_FILE: join(dir, 'missing.json') })).toThrow(/PUSH_TEMPLATES_FILE: cannot read/);
    const shared = file('shared.json', { consultation_opened: { templateId: 'SameTpl' }, consultation_closing: { templateId: 'SameTpl', longTerm: true } });
    expect(() => loadConfig({ NODE_ENV: 'test', PUSH_TEMPLATES_FILE: shared })).toThrow(/consultation_closing\.longTerm/);
    // Shared and consistent is fine: both message types then spend the same credits.
    const fine = PushTemplates.load(file('shared-ok.json', { consultation_opened: { templateId: 'SameTpl' }, consultation_closing: { templateId: 'SameTpl' } }));
    expect(fine.byTemplateId('SameTpl')?.messageType).toBe('consultation_opened');
  });
});
