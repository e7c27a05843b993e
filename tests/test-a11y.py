#!/usr/bin/env python3
# test-a11y.py: walks Back Coach's main flows as a screen-reader user would, over AT-SPI.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the real program (build-aux/headless.sh gives it an X display and a D-Bus session;
# the accessibility bus starts on demand). Controls are found by role and name only, as
# Orca finds them, activated through their AT-SPI actions or with keys, and what changed is
# read back through AT-SPI: the first run's safety check, today's routine and the player
# with its pain ratings and countdown, the preferences, the technique cards, a partner
# massage opened by the desktop file's action from a second process, and the history.
# Every control seen on the way must have a name. Output is TAP.

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

import gi

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi  # noqa: E402

PROGRAM = os.environ.get('BACKCOACH', 'backcoach')
TIMEOUT = 20.0

# Roles a user acts on: each must have a name a screen reader can say.
CONTROL_ROLES = {
    Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.CHECK_BOX,
    Atspi.Role.RADIO_BUTTON, Atspi.Role.ENTRY, Atspi.Role.SLIDER, Atspi.Role.SPIN_BUTTON,
    Atspi.Role.COMBO_BOX, Atspi.Role.MENU_ITEM, Atspi.Role.LINK, Atspi.Role.PAGE_TAB,
    Atspi.Role.PASSWORD_TEXT,
}
# GTK 4.8 falls back to a widget's type name when it has no name of its own.
TYPE_NAME = re.compile(r'^(Gtk|Adw|Coach)[A-Z]')


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def wait_for(condition, what, timeout=TIMEOUT):
    """Polls condition() until it returns something true; fails naming what it waited for."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = condition()
        except gi.repository.GLib.GError:
            result = None  # an object went away while it was read: try again
        if result:
            return result
        if time.monotonic() > deadline:
            raise Failure('timed out waiting for ' + what)
        time.sleep(0.05)


def role_of(acc):
    try:
        return acc.get_role()
    except gi.repository.GLib.GError:
        return None


def name_of(acc):
    try:
        return acc.get_name() or ''
    except gi.repository.GLib.GError:
        return ''


def has_area(acc):
    try:
        extents = acc.get_extents(Atspi.CoordType.WINDOW)
    except gi.repository.GLib.GError:
        return False
    return extents.width > 0 and extents.height > 0


def on_screen(acc):
    """GTK 4.8 reports every widget as visible, even on a stack's hidden pages, and never
    sets SHOWING below a window; a widget that is really shown has an area."""
    try:
        if not acc.get_state_set().contains(Atspi.StateType.VISIBLE):
            return False
    except gi.repository.GLib.GError:
        return False
    return role_of(acc) in (Atspi.Role.FRAME, Atspi.Role.DIALOG, Atspi.Role.WINDOW) or has_area(acc)


def children(acc):
    try:
        n = acc.get_child_count()
    except gi.repository.GLib.GError:
        return []
    result = []
    for i in range(n):
        try:
            child = acc.get_child_at_index(i)
        except gi.repository.GLib.GError:
            continue
        if child is not None:
            result.append(child)
    return result


def descendants(root):
    """Every accessible on screen below root, depth first. A stack page object has no area
    of its own, so one level without an area is looked through; two mean a hidden page."""
    stack = [(root, False)]
    while stack:
        acc, parent_hidden = stack.pop()
        for child in reversed(children(acc)):
            shown = on_screen(child)
            if not shown and parent_hidden:
                continue
            if shown:
                yield child
            stack.append((child, not shown))


def matches(acc, role, name):
    if role is not None and role_of(acc) != role:
        return False
    if name is None:
        return True
    actual = name_of(acc)
    if isinstance(name, re.Pattern):
        return name.search(actual) is not None
    return actual == name


def find_all(root, role=None, name=None):
    return [acc for acc in descendants(root) if matches(acc, role, name)]


def find(root, role=None, name=None, timeout=TIMEOUT):
    """The first control on screen below root with this role and name, waiting for it."""
    what = '%s named %r' % (Atspi.role_get_name(role) if role is not None else 'anything', name)
    found = wait_for(lambda: find_all(root, role, name), what, timeout)
    return found[0]


def has_state(acc, state):
    return acc.get_state_set().contains(state)


def is_enabled(acc):
    return has_state(acc, Atspi.StateType.SENSITIVE)


def activate(acc):
    """Presses a control through its AT-SPI action, as a screen reader's activate does."""
    check(is_enabled(acc), '%r is not enabled' % name_of(acc))
    n = acc.get_n_actions()
    check(n > 0, '%r has no action' % name_of(acc))
    names = [acc.get_action_name(i) for i in range(n)]
    index = next((i for i, a in enumerate(names) if a in ('click', 'activate', 'press', 'toggle')), 0)
    check(acc.do_action(index), 'the action of %r failed' % name_of(acc))


CONTROL_MASK = 1 << 2  # X11's ControlMask


def press_key(keyval, control=False):
    """Types a key through the X server, as the keyboard does."""
    if control:
        Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.LOCKMODIFIERS)
    Atspi.generate_keyboard_event(keyval, None, Atspi.KeySynthType.SYM)
    if control:
        Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


def has_focus_within(acc):
    return has_state(acc, Atspi.StateType.FOCUSED) or any(
        has_state(child, Atspi.StateType.FOCUSED) for child in descendants(acc))


def unnamed_controls(root):
    bad = []
    for acc in descendants(root):
        if role_of(acc) not in CONTROL_ROLES:
            continue
        name = name_of(acc).strip()
        words = name.split()
        half = len(words) // 2
        said_twice = half > 0 and len(words) % 2 == 0 and words[:half] == words[half:]
        if not name or TYPE_NAME.match(name) or '_' in name or said_twice:
            bad.append('%s %r' % (acc.get_role_name(), name))
    return bad


class Program:
    """One run of Back Coach, found on the accessibility bus by its program name."""

    def __init__(self, env, *args):
        self.process = subprocess.Popen([PROGRAM, *args], env=env)
        self.root = wait_for(self._find_root, 'Back Coach on the accessibility bus')

    def _find_root(self):
        if self.process.poll() is not None:
            raise Failure('backcoach exited with status %d' % self.process.returncode)
        desktop = Atspi.get_desktop(0)
        for app in children(desktop):
            try:
                if app.get_process_id() == self.process.pid and app.get_child_count() > 0:
                    return app
            except gi.repository.GLib.GError:
                continue
        return None

    def window(self, title, timeout=TIMEOUT):
        def shown():
            for frame in children(self.root):
                if name_of(frame) == title and on_screen(frame):
                    return frame
            return None
        return wait_for(shown, 'the window %r' % title, timeout)

    def no_window(self, title):
        wait_for(lambda: not any(name_of(f) == title and on_screen(f) for f in children(self.root)),
                 'the window %r to close' % title)

    def present(self, env):
        """Brings the window to the front with the keyboard focus, as starting Back Coach
        again does: there is no window manager to give it back after a dialog closes."""
        second = subprocess.run([PROGRAM], env=env, timeout=30)
        check(second.returncode == 0, 'a second backcoach exited with %d' % second.returncode)

    def quit(self):
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def dump(root, depth=0, out=None, parent_hidden=False):
    """The on-screen tree below root, for the log of a failing test."""
    out = [] if out is None else out
    for child in children(root):
        shown = on_screen(child)
        if not shown and parent_hidden:
            continue
        if shown:
            description = child.get_description() or ''
            out.append('%s%s %r%s' % ('  ' * depth, child.get_role_name(), name_of(child),
                                       ' (%s)' % description if description else ''))
        dump(child, depth + 1, out, not shown)
    return out


def button(root, name):
    return find(root, Atspi.Role.PUSH_BUTTON, name)


def gone(root, role, name):
    wait_for(lambda: not find_all(root, role, name), '%r to leave the screen' % name)


def turn_page(window, heading, button_name, next_heading):
    """Presses a page's button, and waits until the next page alone is on screen."""
    find(window, Atspi.Role.LABEL, heading)
    activate(button(window, button_name))
    gone(window, Atspi.Role.LABEL, heading)
    find(window, Atspi.Role.LABEL, next_heading)


def test_first_run(program, env):
    """The welcome, every warning sign answered "No", a sore region switched on, and the
    routine it leads to."""
    check_window = program.window('Safety Check')
    check(find(check_window, Atspi.Role.LABEL, 'Welcome to Back Coach'), 'no welcome')
    turn_page(check_window, 'Welcome to Back Coach', 'Start Safety Check', 'Do You Have Any of These?')

    # Each answer is a pair of buttons whose description is the symptom they answer.
    go_on = button(check_window, 'Continue')
    check(not is_enabled(go_on), 'Continue is enabled before any answer')
    answers = find_all(check_window, Atspi.Role.PUSH_BUTTON, 'No')
    check(len(answers) >= 10, 'only %d questions' % len(answers))
    for answer in answers:
        check(answer.get_description(), 'a "No" without its symptom')
        activate(answer)
        wait_for(lambda: has_state(answer, Atspi.StateType.PRESSED), 'the answer to show as pressed')
    wait_for(lambda: is_enabled(go_on), 'Continue to be enabled once every question is answered')
    turn_page(check_window, 'Do You Have Any of These?', 'Continue', 'Where Does It Hurt?')
    # The picture of the back says in words which regions are sore.
    outline = find(check_window, Atspi.Role.IMAGE, 'Back outline')
    check(outline.get_description() == 'No sore regions selected', outline.get_description())
    lower_back = find(check_window, Atspi.Role.CHECK_BOX, 'Lower back')
    check(not has_state(lower_back, Atspi.StateType.CHECKED), 'a sore region before any choice')
    activate(lower_back)
    wait_for(lambda: has_state(lower_back, Atspi.StateType.CHECKED), 'Lower back to be checked')
    wait_for(lambda: 'Lower back' in outline.get_description(), 'the picture to name the lower back')
    turn_page(check_window, 'Where Does It Hurt?', 'Continue', 'Methods to Avoid')
    turn_page(check_window, 'Methods to Avoid', 'Continue', 'Health Conditions')
    turn_page(check_window, 'Health Conditions', 'Finish', 'All Set')
    activate(button(check_window, 'Show My Routine'))
    program.no_window('Safety Check')

    window = program.window('Back Coach')
    find(window, Atspi.Role.LABEL, 'Today’s Routine')
    start = button(window, 'Start Routine')
    check('Ctrl+Enter' in start.get_description(), 'the start button does not tell its shortcut')


def ancestor(acc, role):
    while acc is not None and role_of(acc) != role:
        acc = acc.get_parent()
    check(acc is not None, 'no %s around it' % Atspi.role_get_name(role))
    return acc


def label_matching(root, pattern):
    return find(root, Atspi.Role.LABEL, re.compile(pattern))


def test_player(program, env):
    """Pain rated with a click and with a number key, then the routine: the step and its
    countdown read in words, pause and resume, the next step heard on the focused control,
    and leaving early with a rating after."""
    window = program.window('Back Coach')
    activate(button(window, 'Start Routine'))
    overall = find(window, Atspi.Role.SLIDER, 'Overall')
    check(overall.get_description() == 'Not rated', 'a rating before any: %r' % overall.get_description())
    activate(find(overall, Atspi.Role.PUSH_BUTTON, '6: Moderate'))
    wait_for(lambda: overall.get_description() == '6: Moderate', 'the rating 6 to be read out')
    # The whole scale takes the focus, and a digit key rates.
    wait_for(lambda: has_state(overall, Atspi.StateType.FOCUSED), 'the scale to have the focus')
    press_key(ord('3'))
    wait_for(lambda: overall.get_description() == '3: Mild', 'the key 3 to rate 3')
    region = find(window, Atspi.Role.SLIDER, 'Lower back')
    check(region.get_description() == 'Not rated', 'the region was rated without being asked')

    activate(find_all(window, Atspi.Role.PUSH_BUTTON, 'Start Routine')[-1])
    phase = label_matching(window, r'^(Get ready for step|Step) 1 of \d+$')
    timer = find(window, Atspi.Role.TIMER, re.compile(r'^\d+ seconds? left in this step$'))
    first = name_of(timer)
    wait_for(lambda: name_of(timer) != first, 'the countdown to move on from %r' % first)
    pause = button(window, 'Pause')
    check(re.search(r'step 1 of', pause.get_description(), re.I), 'Pause does not describe the step')

    activate(pause)
    resume = button(window, 'Resume')
    wait_for(lambda: name_of(phase).startswith('Paused'), 'the phase to say it is paused')
    activate(resume)
    wait_for(lambda: not name_of(phase).startswith('Paused'), 'the phase to say it runs again')

    activate(button(window, 'Next Step'))
    wait_for(lambda: re.search(r'step 2 of', name_of(phase), re.I), 'the second step')
    next_step = button(window, 'Next Step')
    wait_for(lambda: re.search(r'step 2 of', next_step.get_description(), re.I),
             'the focused control to describe the second step')

    # Some massage is done before leaving, so the session counts.
    wait_for(lambda: name_of(phase).startswith('Step 2 of'), 'the second step to run')
    running = name_of(timer)
    wait_for(lambda: name_of(timer) != running, 'the second step to count down')

    # Leaving early stops the routine and asks again, with the rating before at hand.
    activate(button(window, 'Leave the Routine'))
    find(window, Atspi.Role.LABEL, 'Routine Stopped')
    after = find(window, Atspi.Role.SLIDER, 'Overall')
    activate(find(after, Atspi.Role.PUSH_BUTTON, '1: Mild'))
    label_matching(window, r'^Pain 3 → 1')
    activate(button(window, 'Done'))
    find(window, Atspi.Role.LABEL, 'Today’s Routine')
    # The toast that says the routine stopped has a named close button.
    label_matching(window, r'^Routine stopped after')
    check(not unnamed_controls(window), 'unnamed controls: %s' % unnamed_controls(window))


def open_menu_item(program, window, item):
    activate(find_all(window, Atspi.Role.PUSH_BUTTON, 'Main Menu')[-1])
    activate(find(program.root, Atspi.Role.MENU_ITEM, item))


def test_preferences(program, env):
    """The preferences from the main menu: a switch read and turned, a spin button's value,
    and Escape closes the window."""
    window = program.window('Back Coach')
    open_menu_item(program, window, 'Preferences')
    prefs = program.window('Preferences')
    activate(find(prefs, Atspi.Role.PAGE_TAB, 'Routine'))
    rate = find(prefs, Atspi.Role.CHECK_BOX, 'Rate Pain Before and After')
    check(has_state(rate, Atspi.StateType.CHECKED), 'pain ratings are off by default')
    check('0 to 10' in rate.get_description(), 'the switch does not say what it does')
    length = find(prefs, Atspi.Role.SPIN_BUTTON, 'Default Length')
    check(Atspi.Value.get_current_value(length) == 15, 'the default length is not 15 minutes')
    Atspi.Value.set_current_value(length, 20)
    wait_for(lambda: Atspi.Value.get_current_value(length) == 20, 'the length to become 20')
    check(not unnamed_controls(prefs), 'unnamed controls: %s' % unnamed_controls(prefs))
    press_key(0xff1b)  # Escape
    program.no_window('Preferences')
    # The new length plans a new routine.
    label_matching(window, r'^20 minutes')


def test_cards(program, env):
    """The technique cards: a search typed into the search entry narrows the list, and a
    card opens with its steps."""
    window = program.window('Back Coach')
    activate(find(window, Atspi.Role.PAGE_TAB, 'Techniques'))
    cards = find(window, Atspi.Role.LIST, 'Technique Cards')
    before = len(find_all(cards, Atspi.Role.LIST_ITEM))
    search = find(window, Atspi.Role.ENTRY, 'Search Techniques')
    program.present(env)
    # Ctrl+F goes to the search, typing searches, and Enter opens the first card found.
    press_key(ord('f'), control=True)
    wait_for(lambda: has_focus_within(search), 'the search entry to have the focus')
    Atspi.generate_keyboard_event(0, 'foam roller', Atspi.KeySynthType.STRING)
    wait_for(lambda: 0 < len(find_all(cards, Atspi.Role.LIST_ITEM)) < before,
             'the search to narrow the %d cards' % before)
    find(cards, Atspi.Role.LABEL, 'Foam roller: mid back only')
    press_key(0xff0d)  # Return
    find(window, Atspi.Role.LABEL, 'Foam roller: mid back only')
    find(window, Atspi.Role.LABEL, 'Steps')
    check(not unnamed_controls(window), 'unnamed controls: %s' % unnamed_controls(window))
    Atspi.EditableText.set_text_contents(search, '')
    wait_for(lambda: len(find_all(cards, Atspi.Role.LIST_ITEM)) >= before, 'every card again')
    activate(find(window, Atspi.Role.PAGE_TAB, 'Today'))


def test_partner_from_desktop_action(program, env):
    """"Partner Session" from the desktop file, run as a second process: the running Back
    Coach shows the partner setup, and the second process ends."""
    window = program.window('Back Coach')
    second = subprocess.run([PROGRAM, '--partner-session'], env=env, timeout=30)
    check(second.returncode == 0, 'backcoach --partner-session exited with %d' % second.returncode)
    find(window, Atspi.Role.LABEL, 'Partner Massage')
    button(window, 'Add Partner')
    check(not unnamed_controls(window), 'unnamed controls: %s' % unnamed_controls(window))
    activate(button(window, 'Back'))
    find(window, Atspi.Role.LABEL, 'Today’s Routine')


def test_history(program, env):
    """The history lists the session stopped in the player, with its pain ratings."""
    window = program.window('Back Coach')
    activate(find(window, Atspi.Role.PAGE_TAB, 'History'))
    find(window, Atspi.Role.LABEL, 'Sessions')
    sessions = find(window, Atspi.Role.LIST, 'Sessions')
    summary = label_matching(sessions, r'^Today’s Routine · .*pain 3 → 1.*stopped early')
    row = ancestor(summary, Atspi.Role.LIST_ITEM)
    check(re.search(r'\d{2}:\d{2}$', name_of(row)), 'the session row is not named by its time')
    check(not unnamed_controls(window), 'unnamed controls: %s' % unnamed_controls(window))
    activate(find(window, Atspi.Role.PAGE_TAB, 'Today'))


def test_start_routine_from_desktop_action(program, env):
    """"Start My Routine" from the desktop file, run as a second process: the running Back
    Coach starts today's routine, at its pain rating."""
    window = program.window('Back Coach')
    second = subprocess.run([PROGRAM, '--start-routine'], env=env, timeout=30)
    check(second.returncode == 0, 'backcoach --start-routine exited with %d' % second.returncode)
    find(window, Atspi.Role.LABEL, 'How Is Your Pain?')
    find(window, Atspi.Role.SLIDER, 'Overall')
    check(not unnamed_controls(window), 'unnamed controls: %s' % unnamed_controls(window))
    activate(button(window, 'Leave the Routine'))
    find(window, Atspi.Role.LABEL, 'Today’s Routine')


TESTS = [
    test_first_run,
    test_player,
    test_preferences,
    test_cards,
    test_partner_from_desktop_action,
    test_history,
    test_start_routine_from_desktop_action,
]


def main():
    home = tempfile.mkdtemp(prefix='backcoach-a11y-')
    env = dict(os.environ)
    # Accessibility on, in English, with settings kept in files so a second process shares
    # them, and sound into a fake sink.
    for name in ('GTK_A11Y', 'NO_AT_BRIDGE', 'LANGUAGE', 'LC_ALL', 'LC_MESSAGES'):
        env.pop(name, None)
    env.update({
        'LANG': 'C.UTF-8',
        'GSETTINGS_BACKEND': 'keyfile',
        'XDG_CONFIG_HOME': os.path.join(home, 'config'),
        'XDG_DATA_HOME': os.path.join(home, 'data'),
        'BACKCOACH_AUDIO_SINK': 'fakesink sync=true',
    })
    # The app runs with GLib warnings fatal, as every test does; this process does not, as
    # libatspi warns about what GTK 4.8 does not implement (its cache).
    env['G_DEBUG'] = 'gc-friendly,fatal-warnings'
    # headless.sh keeps the accessibility registry's own output out of the results.
    out = os.fdopen(int(os.environ['HEADLESS_TAP_FD']), 'w') if 'HEADLESS_TAP_FD' in os.environ else sys.stdout

    def tap(line):
        print(line, file=out, flush=True)

    tap('1..%d' % len(TESTS))
    failed = 0
    program = None
    try:
        program = Program(env)
        for number, test in enumerate(TESTS, 1):
            try:
                test(program, env)
                tap('ok %d %s' % (number, test.__name__))
            except Exception:  # noqa: BLE001 (every failure is reported, and the rest go on)
                failed += 1
                tap('not ok %d %s' % (number, test.__name__))
                for line in traceback.format_exc().splitlines():
                    tap('# ' + line)
                for frame in children(program.root):
                    for line in dump(frame):
                        tap('# ' + line)
    finally:
        if program is not None:
            program.quit()
        shutil.rmtree(home, ignore_errors=True)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
