import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { videoFor } from './video.ts';

describe('how a session room shows its video', () => {
  it('embeds a meeting on the configured Jitsi server', () => {
    assert.deepEqual(videoFor('https://meet.jit.si/dsc-2020-opening', 'meet.jit.si'), {
      kind: 'embed',
      src: 'https://meet.jit.si/dsc-2020-opening',
      host: 'meet.jit.si',
    });
  });

  it('links to Zoom, Teams, another Jitsi server or any web address, to open in a new tab', () => {
    for (const url of [
      'https://us02web.zoom.us/j/123456789',
      'https://teams.microsoft.com/l/meetup-join/abc',
      'https://jitsi.example.gov/room',
    ])
      assert.equal(videoFor(url, 'meet.jit.si').kind, 'link', url);
  });

  it('links rather than embeds when no Jitsi server is configured, over plain http, or without a room name', () => {
    assert.equal(videoFor('https://meet.jit.si/room', null).kind, 'link');
    assert.equal(videoFor('http://meet.jit.si/room', 'meet.jit.si').kind, 'link');
    assert.equal(videoFor('https://meet.jit.si/', 'meet.jit.si').kind, 'link');
  });

  it('shows nothing for an empty link or one that is not a web address', () => {
    for (const url of ['', 'javascript:alert(1)', 'not a link', 'data:text/html,hi'])
      assert.deepEqual(videoFor(url, 'meet.jit.si'), { kind: 'none' }, url);
  });
});
