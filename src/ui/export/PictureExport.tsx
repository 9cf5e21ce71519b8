import { rasterizerFor } from '../../render/export/raster3d.ts';
import { plotToSvg } from '../../render/export/svg.ts';
import { download } from './exportPlot.ts';
import type { ExportSectionProps } from './useExportJob.ts';

/** PNG exports are drawn at twice the CSS size: sharp on high-density screens and in print. */
const PNG_PIXEL_RATIO = 2;

/** The plot at the step on screen, as PNG (2×) or SVG. */
export function PictureExport({ ids, step, fileStem, job, in3d }: ExportSectionProps) {
  const png = () =>
    job.run('PNG', async (plot) => {
      const rasterizer = rasterizerFor(plot, PNG_PIXEL_RATIO);
      try {
        const canvas = rasterizer.render(step);
        const blob = await new Promise<Blob | null>((resolve) =>
          canvas.toBlob(resolve, 'image/png'),
        );
        if (!blob) throw new Error('the browser could not encode the PNG');
        download(blob, `${fileStem}${in3d ? '-3d' : ''}-step${step}.png`);
      } finally {
        rasterizer.dispose?.();
      }
    });
  const svg = () =>
    job.run('SVG', async (plot) => {
      download(
        new Blob([plotToSvg(plot, step)], { type: 'image/svg+xml' }),
        `${fileStem}-step${step}.svg`,
      );
    });
  return (
    <section aria-labelledby={`${ids}-image`}>
      <h3 id={`${ids}-image`}>Picture</h3>
      <div className="export-buttons">
        <button type="button" onClick={png} disabled={job.busy}>
          {in3d ? 'PNG of the 3D view (2×)' : 'PNG (2×)'}
        </button>
        <button type="button" onClick={svg} disabled={job.busy}>
          {in3d ? 'SVG of the 2D plot' : 'SVG'}
        </button>
      </div>
    </section>
  );
}
