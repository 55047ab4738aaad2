import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { TEST_PASSWORD } from '../factories/org.factory';

/** A supertest agent that keeps the session cookie of a signed-in staff member. */
export async function signIn(app: NestExpressApplication, email: string, password = TEST_PASSWORD): Promise<TestAgent> {
  const agent = request.agent(app.getHttpServer());
  await agent.post('/api/auth/login').send({ email, password }).expect(200);
  return agent;
}
