/**
 * Edits kept in the agent's own pack (rules and templates alike): each saves the whole local pack
 * once it validates, or saves nothing and says why, in the form or on the row it was made on.
 */
import { useState } from 'preact/hooks';
import { localPackOf } from '../../utils/pack-install';
import { type InstalledPack, LOCAL_PACK_ID, type Pack } from '../../utils/pack-model';
import { saveLocalEdit } from '../../utils/pack-store';
import type { Language } from '../../utils/settings';
import { editorIssue } from './issues';

const NONE: readonly string[] = [];

/**
 * Saving edits of the local pack, and the problems of the last one that did not validate, shown
 * where it was made: `null` for the open form, an item's id for a change made on its row (a row
 * far down the list would otherwise fail out of sight).
 */
export function useLocalEdit(lang: Language) {
  const [problems, setProblems] = useState<{ at: string | null; errors: readonly string[] }>({
    at: null,
    errors: NONE,
  });
  /**
   * Saves `change` of the local pack, an edit of `item` made in the form or on its row; false (and
   * the problems shown there) when the pack does not validate.
   */
  const save = async (
    change: (list: InstalledPack[]) => InstalledPack[],
    item: string,
    where: 'form' | 'row',
  ): Promise<boolean> => {
    let pack: Pack | undefined;
    const check = await saveLocalEdit((list) => {
      const next = change(list);
      pack = localPackOf(next)?.pack;
      return next;
    });
    const errors = check.ok ? NONE : check.issues.map((i) => editorIssue(i, lang, { pack, item }));
    setProblems({ at: where === 'form' ? null : item, errors });
    return check.ok;
  };
  return {
    save,
    /** The problems shown in the form (null) or on an item's row. */
    errorsAt: (at: string | null) => (problems.at === at ? problems.errors : NONE),
    clearErrors: () => setProblems({ at: null, errors: NONE }),
  };
}

/** 「删除」 for an item of the agent's own, 「恢复原样」 for their change of someone else's (nothing for the rest). */
export function RemoveLocal({
  from,
  overrides,
  labels,
  hook,
  onRemove,
}: {
  from: string;
  overrides: boolean;
  labels: { remove: string; revert: string };
  /** `data-kg` of the button. */
  hook: string;
  onRemove: () => void;
}) {
  if (from !== LOCAL_PACK_ID) return null;
  return (
    <button class="btn small subtle-danger" type="button" data-kg={hook} onClick={onRemove}>
      {overrides ? labels.revert : labels.remove}
    </button>
  );
}
