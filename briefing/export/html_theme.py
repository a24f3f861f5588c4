"""A Textual theme's colours as CSS variables, for the exported page.

The page is drawn in the deck's theme (`theme:` in the front matter, or `--theme`); a deck that
names no theme, or one that is not Textual's, gets Textual's default dark and light themes, and
the reader's `prefers-color-scheme` picks one. Colours come from the generated table
(export/theme_table.py), since the exporter does not import Textual.

Text colours are the theme's own, but each must stay legible: a link takes the theme's text
colour for its secondary colour unless that is below 4.5:1 against the background (WCAG AA),
then the next candidate, and so on down to the plain foreground; bullets and rules need 3:1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import cast

from briefing.export.theme_table import CODE_CLASSES, CODE_COLOURS, THEMES

AUTO_LIGHT, AUTO_DARK = "textual-light", "textual-dark"
LEGIBLE = 4.5  # WCAG AA contrast for body text
VISIBLE = 3.0  # WCAG AA contrast for graphics (bullets, rules, bars)

# Page roles → theme variables to try in order (the foreground is the last resort).
_TEXT_ROLES: Mapping[str, Sequence[str]] = {
    "title": ("text-primary", "primary"),
    "link": ("text-secondary", "text-primary", "secondary"),
    "inline-code": ("text-accent", "accent", "text-primary"),
}
_GRAPHIC_ROLES: Mapping[str, Sequence[str]] = {
    "marker": ("accent", "text-accent", "primary"),
    "rule": ("primary", "text-primary"),
}
# Chart bars keep the theme's success and error colours whatever their contrast: the value
# beside each bar says the same in text, and a bar in the foreground colour would lose its sign.


def theme_names() -> list[str]:
    return sorted(THEMES)


def theme_css(name: str | None) -> tuple[str, str]:
    """(the page's `color-scheme`, its CSS variables and code colours) for theme `name`, or
    for the light and dark pair when `name` is None or not a built-in theme.

    Printed, a named theme fills the whole sheet with its background (a dark theme's light
    text needs it); the light and dark pair prints in its light colours on white paper."""
    rules = _code_rules()
    theme = THEMES.get(name) if name else None
    if theme is not None:
        background = _colours(theme)["background"]
        css = (
            f":root{{{_variables(theme)}}}\n"
            f"@media print{{@page{{background:{background}}}html{{print-color-adjust:exact;"
            f"-webkit-print-color-adjust:exact}}}}\n{rules}"
        )
        return ("dark" if theme["dark"] else "light"), css
    light, dark = THEMES[AUTO_LIGHT], THEMES[AUTO_DARK]
    css = (
        f":root{{{_variables(light)}}}\n"
        f"@media (prefers-color-scheme: dark){{:root{{{_variables(dark)}}}}}\n"
        f"@media print{{:root{{{_variables(light)};--background:#ffffff}}}}\n{rules}"
    )
    return "light dark", css


def chart_fills(name: str | None) -> tuple[str, str, str]:
    """Colours written into chart SVGs (positive, negative, axis) for renderers that ignore
    the stylesheet: the printed theme's."""
    theme = THEMES.get(name) if name else None
    colours = _colours(theme or THEMES[AUTO_LIGHT])
    return colours["success"], colours["error"], colours["foreground"]


def role_colours(theme: Mapping[str, object]) -> dict[str, str]:
    """The colour each page role gets in `theme` (an entry of THEMES)."""
    colours = _colours(theme)
    background = colours["background"]
    chosen = {}
    for roles, threshold in ((_TEXT_ROLES, LEGIBLE), (_GRAPHIC_ROLES, VISIBLE)):
        for role, candidates in roles.items():
            chosen[role] = next(
                (colours[c] for c in candidates if contrast(colours[c], background) >= threshold),
                colours["foreground"],
            )
    return chosen


def _colours(theme: Mapping[str, object]) -> Mapping[str, str]:
    """An entry of THEMES's colours: the generated table is typed no finer than its entries."""
    return cast("Mapping[str, str]", theme["colours"])


def _variables(theme: Mapping[str, object]) -> str:
    colours = _colours(theme)
    code = CODE_COLOURS["dark" if theme["dark"] else "light"]
    pairs = [*colours.items(), *role_colours(theme).items()]
    pairs += [(f"code-{variable}", value) for variable, value in sorted(code.items())]
    return ";".join(f"--{variable}:{value}" for variable, value in pairs)


def _code_rules() -> str:
    """Pygments' classes coloured as the show colours code (scoped to code blocks)."""
    rules = []
    for css_class, (variable, extra) in sorted(CODE_CLASSES.items()):
        declarations = [f"color:var(--code-{variable})"] if variable else []
        declarations += [extra] if extra else []
        rules.append(f"pre.code .{css_class}{{{';'.join(declarations)}}}")
    return "\n".join(rules)


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
