import { getState, saveState } from './state.js';

/** main and post share one bundle (as Docker's actions do); the saved isPost state tells them apart. */
export async function run(): Promise<void> {
  if (getState('isPost') === 'true') {
    const { post } = await import('./post.js');
    return post();
  }
  saveState('isPost', 'true');
  const { main } = await import('./main.js');
  return main();
}
