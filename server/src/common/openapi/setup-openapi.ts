import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI at /api/docs (UI) and /api/docs-json. */
export function setupOpenApi(app: INestApplication): void {
  const doc = new DocumentBuilder()
    .setTitle('Sunboard 阳光公开栏 API')
    .setDescription(
      'Public notices, reminders, consultations and ratings for grassroots disclosure. Errors are `{code, message, details?, requestId}`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, doc);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'Sunboard API' });
}
