import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { dirname } from 'node:path';

const UI_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sunboard API 接口文档</title><link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;
const UI_INIT = `window.ui = SwaggerUIBundle({ url: '/api/docs-json', dom_id: '#swagger-ui', deepLinking: true });`;

/**
 * OpenAPI JSON at /api/docs-json and the Swagger UI at /api/docs. The UI's assets are served here
 * rather than by SwaggerModule: @nestjs/swagger 11 and @nestjs/platform-fastify 11.2 ask for
 * incompatible @fastify/static majors, so Nest's own static serving cannot load the plugin.
 */
export async function setupOpenApi(app: NestFastifyApplication): Promise<void> {
  const config = new DocumentBuilder()
    .setTitle('Sunboard 阳光公开栏 API')
    .setDescription('Public notices, reminders, consultations and ratings for grassroots disclosure. Errors are `{code, message, details?, requestId}`.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', ui: false, raw: ['json'] });

  const fastify = app.getHttpAdapter().getInstance();
  const assets = dirname(require.resolve('swagger-ui-dist/package.json'));
  await app.register(fastifyStatic, { root: assets, prefix: '/api/docs/assets/', decorateReply: false, wildcard: true });
  fastify.get('/api/docs', (_req, reply) => reply.type('text/html; charset=utf-8').send(UI_HTML));
  fastify.get('/api/docs/init.js', (_req, reply) => reply.type('application/javascript; charset=utf-8').send(UI_INIT));
}
