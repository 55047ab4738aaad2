import { stepsAfter, stepsBefore } from './progress';

describe('the order of the path', () => {
  it('puts the VK ID before the Sferum profile and both before the messenger', () => {
    expect(stepsBefore('vk_id')).toEqual([]);
    expect(stepsBefore('messenger')).toEqual(['vk_id', 'sferum_profile']);
    expect(stepsAfter('vk_id')).toEqual(['sferum_profile', 'messenger']);
    expect(stepsAfter('messenger')).toEqual([]);
  });
});
