import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from '../components/Icon.js';
import type { BridgeState, Tool } from './annotation-bridge.js';
import { HIGHLIGHT_SWATCHES, PEN_SWATCHES, SIZES, type Swatch } from './annotation-palette.js';

interface Props {
  state: BridgeState;
  onTool(tool: Tool): void;
  onColor(color: string): void;
  onSize(size: number): void;
  onUndo(): void;
  onRedo(): void;
  onDelete(): void;
  /** Whether the selected annotation (the user's own) is shared; null when none is selected. */
  selectedShared: boolean | null;
  onShare(shared: boolean): void;
}

const TOOLS: readonly { tool: Tool; icon: IconName }[] = [
  { tool: 'read', icon: 'pointer' },
  { tool: 'highlight', icon: 'highlighter' },
  { tool: 'ink', icon: 'pen' },
  { tool: 'note', icon: 'note' },
];

type DrawingTool = Exclude<Tool, 'read'>;
const SWATCHES: Record<DrawingTool, readonly Swatch[]> = {
  highlight: HIGHLIGHT_SWATCHES,
  ink: PEN_SWATCHES,
  note: PEN_SWATCHES,
};

/**
 * The annotation tools, a row under the reader's toolbar that its pen button shows and hides
 * (the notes list and the export are the reader toolbar's). The colour and size apply to the
 * selected annotation, or to the next ones the tool makes (pdf.js's own rule).
 */
export function AnnotationToolbar(props: Props) {
  const { t } = useTranslation();
  const { state, onColor, onSize } = props;
  const [colors, setColors] = useState<Record<DrawingTool, string>>({
    highlight: HIGHLIGHT_SWATCHES[0]!.color,
    ink: PEN_SWATCHES[1]!.color,
    note: PEN_SWATCHES[0]!.color,
  });
  const [sizes, setSizes] = useState<Record<DrawingTool, number>>({ highlight: 12, ink: 2, note: 14 });
  const tool = state.tool;

  // A tool starts with the colour and size chosen for it last, not pdf.js's defaults.
  useEffect(() => {
    if (tool === 'read') return;
    onColor(colors[tool]);
    onSize(sizes[tool]);
    // Only when the tool changes: a colour picked later is sent by its own button.
  }, [tool, state.ready]);

  return (
    <div className="annotate" role="toolbar" aria-label={t('annotations.tools')} data-testid="annotation-toolbar">
      <div className="reader__group">
        {TOOLS.map(({ tool: each, icon }) => (
          <button
            key={each}
            type="button"
            className="button annotate__tool"
            aria-pressed={tool === each}
            disabled={!state.ready}
            onClick={() => props.onTool(each)}
            // The words are hidden on a phone (the icon alone): the name stays.
            aria-label={t(`annotations.tool.${each}`)}
            data-testid={`annotation-tool-${each}`}
          >
            <Icon name={icon} /> <span className="annotate__label">{t(`annotations.tool.${each}`)}</span>
          </button>
        ))}
      </div>
      {tool !== 'read' && (
        <>
          <div className="reader__group" role="group" aria-label={t('annotations.color')}>
            {SWATCHES[tool].map((swatch) => (
              <button
                key={swatch.color}
                type="button"
                className="annotate__swatch"
                style={{ background: swatch.color }}
                aria-label={t(`annotations.colors.${swatch.name}`)}
                aria-pressed={colors[tool] === swatch.color}
                onClick={() => {
                  setColors((c) => ({ ...c, [tool]: swatch.color }));
                  onColor(swatch.color);
                }}
                data-testid={`annotation-color-${swatch.name}`}
              />
            ))}
          </div>
          <label className="annotate__size">
            <span className="visually-hidden">
              {t(tool === 'note' ? 'annotations.fontSize' : 'annotations.thickness')}
            </span>
            <select
              className="input"
              value={sizes[tool]}
              onChange={(e) => {
                const size = Number(e.target.value);
                setSizes((s) => ({ ...s, [tool]: size }));
                onSize(size);
              }}
              data-testid="annotation-size"
            >
              {SIZES[tool].map((size) => (
                <option key={size} value={size}>
                  {t('annotations.size', { size })}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      <div className="reader__group">
        {(
          [
            ['undo', 'annotations.undo', !state.canUndo, props.onUndo, 'annotation-undo'],
            ['redo', 'annotations.redo', !state.canRedo, props.onRedo, 'annotation-redo'],
            ['trash', 'annotations.delete', !state.selectedId, props.onDelete, 'annotation-delete'],
          ] as const
        ).map(([icon, label, disabled, onClick, testId]) => (
          <button
            key={icon}
            type="button"
            className="button"
            aria-label={t(label)}
            title={t(label)}
            disabled={disabled}
            onClick={onClick}
            data-testid={testId}
          >
            <Icon name={icon} />
          </button>
        ))}
        {props.selectedShared !== null && (
          <button
            type="button"
            className="button"
            aria-pressed={props.selectedShared}
            onClick={() => props.onShare(!props.selectedShared)}
            data-testid="annotation-share"
          >
            <Icon name="share" /> {t(props.selectedShared ? 'annotations.withdraw' : 'annotations.share')}
          </button>
        )}
      </div>
    </div>
  );
}
