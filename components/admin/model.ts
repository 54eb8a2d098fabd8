/** A person as the administration pages list them (GET /api/v1/users). */
export interface PersonRow {
  id: string;
  email: string;
  name: string;
  departmentName: string | null;
  isAdmin: boolean;
}

/** A department with how many people are in it and its head (部门负责人), if named. */
export interface DepartmentRow {
  id: string;
  name: string;
  people: number;
  headId: string | null;
  headName: string | null;
}
