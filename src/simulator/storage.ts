// What the API server does to every object it stores, for the fields where
// real Metacontroller and kube-apiserver 1.20 showed a difference (issue 13,
// docs/e2e.md): resource quantities are stored in canonical form (`1000m` is
// `1`, `2048Mi` is `2Gi`, `0.1` is `100m`, ResourceList values rounded up to
// milli units), ports get protocol TCP, a StatefulSet's volumeClaimTemplates
// come back as full PersistentVolumeClaims (apiVersion, kind, a null
// creationTimestamp, volumeMode Filesystem, status phase Pending), an empty
// env value is dropped, and a Secret's stringData is folded into data.
//
// The model is the engine's own (src/engine/stored-form.ts): the engine emits
// children in exactly that form, and test/engine/quantity.test.ts pins the
// quantity arithmetic to values read back from a real kube-apiserver, so the
// simulator shows what a non-canonical body does to Metacontroller (an update,
// or a Recreate, on every sync) without repeating the model.
import type { KObject } from '../engine/kobject.ts';
import { toStoredForm } from '../engine/stored-form.ts';

/** `obj` as the API server stores it. */
export function storedByServer(obj: KObject): KObject {
  return toStoredForm(obj);
}
